// Coverage matrix: while a cell has the focus or the pointer, its family and programme headers are
// outlined (a crosshair for reading a wide table). The page works the same without this script.
(function () {
  "use strict";
  const table = document.getElementById("matrix");
  if (!table) {
    return;
  }
  let marked = [];

  function clear() {
    marked.forEach(function (el) { el.classList.remove("crosshair"); });
    marked = [];
  }

  function mark(event) {
    const cell = event.target instanceof Element ? event.target.closest("td[data-family]") : null;
    clear();
    if (!cell) {
      return;
    }
    const row = document.getElementById("row-" + cell.dataset.family);
    const column = document.getElementById("col-" + cell.dataset.programme);
    marked = [row, column].filter(Boolean);
    marked.forEach(function (el) { el.classList.add("crosshair"); });
  }

  table.addEventListener("focusin", mark);
  table.addEventListener("mouseover", mark);
  table.addEventListener("mouseleave", clear);
  table.addEventListener("focusout", clear);
})();
