// Gap tool enhancements; the form works without them (paste a file's content, type skills).
// - an uploaded file is read in the browser into the profile text field (nothing leaves the app);
// - the skill picker adds the chosen skill to the list of skills;
// - touching a part of the form selects its source; a sample suggests its job family;
// - the submit button shows a progress sign while the server works.
(function () {
  "use strict";
  const form = document.getElementById("gap-form");
  if (!form) {
    return;
  }
  const byId = function (id) { return document.getElementById(id); };

  function choose(id) {
    const radio = byId(id);
    if (radio) {
      radio.checked = true;
    }
  }

  // File upload: shown only with script, read as text into the profile field.
  const fileField = byId("file-field");
  const fileInput = byId("profile-file");
  const text = byId("profile-text");
  fileField.hidden = false;
  fileInput.addEventListener("change", function () {
    const file = fileInput.files && fileInput.files[0];
    if (!file) {
      return;
    }
    file.text().then(function (content) {
      text.value = content;
      choose("src-text");
    });
  });
  text.addEventListener("input", function () { choose("src-text"); });

  // Skill picker: the datalist gives the autocomplete; Add (or Enter) appends a line.
  const picker = byId("picker");
  const search = byId("skill-search");
  const skills = byId("skills");
  const status = byId("picker-status");
  picker.hidden = false;
  function add() {
    const value = search.value.trim();
    if (!value) {
      return;
    }
    const current = skills.value.replace(/\s+$/, "");
    skills.value = (current ? current + "\n" : "") + value;
    status.textContent = status.dataset.template.replace("{skill}", value);
    search.value = "";
    choose("src-skills");
    search.focus();
  }
  byId("skill-add").addEventListener("click", add);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    }
  });
  skills.addEventListener("input", function () { choose("src-skills"); });

  // A sample suggests the job family it was written for, when none is chosen yet.
  const sample = byId("sample");
  const family = byId("family");
  function suggest() {
    const option = sample.options[sample.selectedIndex];
    if (option && !family.value) {
      family.value = option.dataset.family;
    }
  }
  sample.addEventListener("change", function () { choose("src-sample"); suggest(); });
  family.addEventListener("change", function () { choose("tgt-family"); });

  // Progress sign while the server computes.
  const progress = byId("gap-progress");
  form.addEventListener("submit", function () {
    progress.textContent = progress.dataset.text;
    byId("submit-gaps").disabled = true;
  });
  window.addEventListener("pageshow", function () {
    progress.textContent = "";
    byId("submit-gaps").disabled = false;
  });

  // After a computation, bring the results into view and give them the focus.
  const results = byId("results");
  if (results) {
    results.focus();
  }
})();
