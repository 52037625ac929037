/* skillgraph query page: plain JavaScript, no framework, nothing fetched from outside the app.
 * Results are always written with textContent: no HTML from the server is ever injected. */
"use strict";

(function () {
  const STRINGS = {
    fr: {
      examplesLoading: "Chargement des exemples…",
      examplesUnavailable: "Exemples indisponibles (réponse {status}) ; l'éditeur reste utilisable.",
      examplesOffline: "Exemples indisponibles (pas de réponse du serveur) ; l'éditeur reste utilisable.",
      examplesEmpty: "Le catalogue ne contient aucune requête.",
      noParams: "Cette requête n'a pas de paramètre.",
      defaultValue: "Par défaut : {value}",
      iriPrefix: "Identifiant ajouté à {prefix}",
      unboundNote: "Dans l'éditeur, les paramètres ({names}) ne sont pas liés : « Exécuter en REST » leur donne une valeur.",
      running: "Exécution en cours…",
      emptyQuery: "La requête est vide.",
      rowsOne: "{n} ligne",
      rowsMany: "{n} lignes",
      restRows: "{shown} sur {total} (à partir de {offset}, limite {limit})",
      elapsed: "{ms} ms",
      caption: "Résultats de la requête ({rows})",
      restCaption: "Résultats REST de « {name} » ({rows})",
      truncated: "Seules les {max} premières lignes sont affichées : téléchargez les résultats pour tout voir.",
      askTrue: "Vrai : la requête ASK a une solution.",
      askFalse: "Faux : la requête ASK n'a aucune solution.",
      graphResult: "Graphe en Turtle ({lines})",
      graphLabel: "Résultat du graphe en Turtle",
      linesOne: "{n} ligne",
      linesMany: "{n} lignes",
      download: "Télécharger :",
      downloadTitle: "Télécharger les résultats en {format}",
      restLink: "URL REST :",
      pages: "Pages de résultats",
      previousPage: "← Page précédente",
      nextPage: "Page suivante →",
      errorStatus: "Erreur {status}",
      errorNetwork: "Le serveur ne répond pas.",
      errorUnexpected: "Réponse inattendue du serveur.",
      noColumns: "Aucune variable dans le résultat.",
    },
    en: {
      examplesLoading: "Loading the examples…",
      examplesUnavailable: "Examples unavailable (status {status}); the editor still works.",
      examplesOffline: "Examples unavailable (the server did not answer); the editor still works.",
      examplesEmpty: "The catalogue holds no query.",
      noParams: "This query has no parameter.",
      defaultValue: "Default: {value}",
      iriPrefix: "Identifier appended to {prefix}",
      unboundNote: "In the editor the parameters ({names}) are unbound: “Run as REST” gives them a value.",
      running: "Running…",
      emptyQuery: "The query is empty.",
      rowsOne: "{n} row",
      rowsMany: "{n} rows",
      restRows: "{shown} of {total} (from {offset}, limit {limit})",
      elapsed: "{ms} ms",
      caption: "Query results ({rows})",
      restCaption: "REST results of “{name}” ({rows})",
      truncated: "Only the first {max} rows are shown: download the results to see them all.",
      askTrue: "True: the ASK query has a solution.",
      askFalse: "False: the ASK query has no solution.",
      graphResult: "Graph in Turtle ({lines})",
      graphLabel: "Graph result in Turtle",
      linesOne: "{n} line",
      linesMany: "{n} lines",
      download: "Download:",
      downloadTitle: "Download the results as {format}",
      restLink: "REST URL:",
      pages: "Result pages",
      previousPage: "← Previous page",
      nextPage: "Next page →",
      errorStatus: "Error {status}",
      errorNetwork: "The server does not answer.",
      errorUnexpected: "Unexpected answer from the server.",
      noColumns: "No variable in the result.",
    },
  };

  /* The project's usual prefixes: written into the editor and used to shorten IRIs. */
  const PREFIXES = [
    ["sg", "https://w3id.org/skillgraph/ontology#"],
    ["id", "https://w3id.org/skillgraph/id/"],
    ["rdfs", "http://www.w3.org/2000/01/rdf-schema#"],
    ["skos", "http://www.w3.org/2004/02/skos/core#"],
    ["xsd", "http://www.w3.org/2001/XMLSchema#"],
    ["dcterms", "http://purl.org/dc/terms/"],
    ["prov", "http://www.w3.org/ns/prov#"],
  ];
  /* Shortened in results too, without being written into the editor. */
  const DISPLAY_PREFIXES = [
    ["rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["owl", "http://www.w3.org/2002/07/owl#"],
    ["schema", "https://schema.org/"],
    ["esco", "http://data.europa.eu/esco/model#"],
  ];
  const EXAMPLE_QUERY = [
    "# Les familles de métiers et leur libellé / Job families and their label",
    "SELECT ?famille ?libelle WHERE {",
    "  ?famille a sg:JobFamily ; rdfs:label ?libelle .",
    "  FILTER (lang(?libelle) = \"fr\")",
    "}",
    "ORDER BY ?libelle",
  ].join("\n");

  const RESULT_FORMATS = [
    { label: "JSON", accept: "application/sparql-results+json", ext: "json" },
    { label: "CSV", accept: "text/csv", ext: "csv" },
    { label: "TSV", accept: "text/tab-separated-values", ext: "tsv" },
  ];
  const GRAPH_FORMATS = [
    { label: "Turtle", accept: "text/turtle", ext: "ttl" },
    { label: "N-Triples", accept: "application/n-triples", ext: "nt" },
    { label: "JSON-LD", accept: "application/ld+json", ext: "jsonld" },
  ];
  const MAX_ROWS = 2000;
  const MAX_GET_URL = 6000;
  // The app's root ("/" or a proxy prefix): every request stays on the app that served the page.
  const ROOT = document.body.dataset.root || "/";
  const NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|unsignedInt)$/;

  const $ = (id) => document.getElementById(id);
  const editor = $("editor");
  const output = $("output");
  const statusLine = $("status");
  const errorBox = $("error");
  const downloads = $("downloads");

  // The language is the page's, chosen by the server (?lang= or the cookie); the header switches it.
  const lang = document.documentElement.lang === "en" ? "en" : "fr";
  let catalogue = [];
  let selected = null;
  let loadedText = null;
  let controller = null;

  /* ---------- strings ---------- */

  function format(value) {
    return typeof value === "number" ? new Intl.NumberFormat(lang).format(value) : String(value);
  }

  function t(key, vars) {
    const text = STRINGS[lang][key] !== undefined ? STRINGS[lang][key] : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => {
      if (!vars || vars[name] === undefined) return whole;
      const value = vars[name];
      return value && typeof value === "object" && value.key ? t(value.key, value.vars) : format(value);
    });
  }

  /* A nested, translatable count: "12 lignes" / "12 rows". */
  function count(n, one, many) {
    return { key: n === 1 ? one : many, vars: { n: n } };
  }

  /* Write a text the script computes, keeping its key on the element (the status line checks it).
   * The page's fixed texts are rendered by the server in the page's language. */
  function say(el, key, vars) {
    el.dataset.i18n = key;
    if (vars) el.dataset.i18nVars = JSON.stringify(vars);
    else delete el.dataset.i18nVars;
    el.textContent = t(key, vars);
  }

  /* ---------- terms and prefixes ---------- */

  function prefixMap(query) {
    const map = new Map([...PREFIXES, ...DISPLAY_PREFIXES]);
    const declared = /PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>/gi;
    let match;
    while ((match = declared.exec(query || "")) !== null) {
      if (match[2]) map.set(match[1] || "", match[2]);
    }
    return [...map.entries()].sort((a, b) => b[1].length - a[1].length);
  }

  function shorten(iri, prefixes) {
    for (const [name, ns] of prefixes) {
      if (iri.startsWith(ns) && iri.length > ns.length) return name + ":" + iri.slice(ns.length);
    }
    return "<" + iri + ">";
  }

  function termText(term, prefixes) {
    if (term.type === "uri") return shorten(term.value, prefixes);
    if (term.type === "bnode") return "_:" + term.value;
    if (term.type === "triple") {
      const v = term.value || {};
      return "<< " + [v.subject, v.predicate, v.object].map((x) => (x ? termText(x, prefixes) : "?")).join(" ") + " >>";
    }
    return term.value;
  }

  /* One cell of a SPARQL JSON result: text only, language tag and datatype shown discreetly. */
  function renderTerm(cell, term, prefixes) {
    if (!term) return;
    if (term.type === "literal" || term.type === "typed-literal") {
      const value = document.createElement("span");
      value.className = "literal";
      value.textContent = term.value;
      cell.append(value);
      if (term["xml:lang"]) {
        const tag = document.createElement("span");
        tag.className = "lang-tag";
        tag.textContent = "@" + term["xml:lang"];
        cell.append(tag);
        value.lang = term["xml:lang"];
      } else if (term.datatype) {
        cell.title = shorten(term.datatype, prefixes);
        if (NUMERIC.test(term.datatype)) cell.classList.add("num");
      }
      return;
    }
    const node = document.createElement("span");
    node.className = term.type === "uri" ? "iri" : "node";
    node.textContent = termText(term, prefixes);
    if (term.type === "uri") node.title = term.value;
    cell.append(node);
  }

  /* One cell of a REST row: a plain JSON value, or a SPARQL JSON term. */
  function renderValue(cell, value, prefixes) {
    if (value === null || value === undefined) return;
    if (typeof value === "object" && typeof value.type === "string" && "value" in value) {
      renderTerm(cell, value, prefixes);
      return;
    }
    if (typeof value === "number") cell.classList.add("num");
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    if (/^https?:\/\/\S+$/.test(text)) {
      const node = document.createElement("span");
      node.className = "iri";
      node.textContent = shorten(text, prefixes);
      node.title = text;
      cell.append(node);
    } else {
      cell.textContent = text;
    }
  }

  /* ---------- query kind ---------- */

  function queryKind(query) {
    const stripped = query
      .replace(/<[^<>"{}|^`\\\s]*>/g, " ")
      .replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, " ")
      .replace(/#[^\n]*/g, " ")
      .replace(/\b(PREFIX|BASE)\s+\S*/gi, " ");
    const match = /\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(stripped);
    if (!match) return null;
    return /^(select|ask)$/i.test(match[1]) ? "results" : "graph";
  }

  /* ---------- running ---------- */

  function begin() {
    if (controller) controller.abort();
    controller = new AbortController();
    errorBox.replaceChildren();
    output.replaceChildren();
    downloads.replaceChildren();
    downloads.hidden = true;
    output.setAttribute("aria-busy", "true");
    say(statusLine, "running");
    return { signal: controller.signal, start: performance.now() };
  }

  function finish(run) {
    output.removeAttribute("aria-busy");
    if (controller && controller.signal === run.signal) controller = null;
    const panel = document.querySelector(".results-panel");
    if (panel.getBoundingClientRect().top > window.innerHeight - 80) panel.scrollIntoView({ block: "start" });
  }

  function elapsed(run) {
    return { key: "elapsed", vars: { ms: Math.round(performance.now() - run.start) } };
  }

  function showError(status, code, message) {
    output.removeAttribute("aria-busy");
    errorBox.replaceChildren();
    const title = document.createElement("p");
    title.className = "error-title";
    if (status) say(title, "errorStatus", { status: status });
    else say(title, "errorNetwork");
    if (code) {
      const codeEl = document.createElement("code");
      codeEl.textContent = code;
      title.append(" ", codeEl);
    }
    errorBox.append(title);
    if (message) {
      const detail = document.createElement("p");
      detail.className = "error-message";
      detail.textContent = message;
      errorBox.append(detail);
    }
    if (statusLine.dataset.i18n === "running") {
      statusLine.textContent = "";
      delete statusLine.dataset.i18n;
    }
  }

  async function showHttpError(response) {
    let code = "";
    let message = "";
    try {
      const text = await response.text();
      try {
        const body = JSON.parse(text);
        code = body && typeof body.error === "string" ? body.error : "";
        message = body && body.message !== undefined ? String(body.message)
          : body && body.detail !== undefined ? detailText(body.detail)
          : text;
      } catch (err) {
        message = text;
      }
    } catch (err) {
      message = "";
    }
    showError(response.status, code, message.length > 2000 ? message.slice(0, 2000) + "…" : message);
  }

  /* FastAPI's validation errors: "lang: Input should be 'fr' or 'en'", one per line. */
  function detailText(detail) {
    if (typeof detail === "string") return detail;
    if (!Array.isArray(detail)) return JSON.stringify(detail);
    return detail.map((item) => {
      const where = Array.isArray(item && item.loc) ? item.loc.filter((part) => part !== "query").join(".") : "";
      const what = item && item.msg !== undefined ? String(item.msg) : JSON.stringify(item);
      return where ? where + ": " + what : what;
    }).join("\n");
  }

  async function runEditor() {
    const query = editor.value;
    if (!query.trim()) {
      errorBox.replaceChildren();
      const p = document.createElement("p");
      say(p, "emptyQuery");
      errorBox.append(p);
      return;
    }
    const kind = queryKind(query);
    const accept = kind === "graph" ? "text/turtle"
      : kind === "results" ? "application/sparql-results+json"
      : "application/sparql-results+json, text/turtle;q=0.9";
    const run = begin();
    try {
      const response = await fetch(ROOT + "sparql", {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", Accept: accept },
        body: query,
        signal: run.signal,
      });
      if (!response.ok) {
        await showHttpError(response);
        return;
      }
      const type = (response.headers.get("content-type") || "").toLowerCase();
      if (type.includes("json") && !type.includes("ld+json")) {
        const data = await response.json();
        if (typeof data.boolean === "boolean") renderAsk(data.boolean, run);
        else renderSelect(data, query, run);
        offerDownloads(query, RESULT_FORMATS);
      } else {
        renderGraph(await response.text(), run);
        offerDownloads(query, GRAPH_FORMATS);
      }
    } catch (err) {
      if (err && err.name === "AbortError") return;
      if (err instanceof SyntaxError) showError(null, "", t("errorUnexpected"));
      else showError(null, "", "");
    } finally {
      finish(run);
    }
  }

  function renderAsk(value, run) {
    const p = document.createElement("p");
    p.className = "ask ask-" + value;
    say(p, value ? "askTrue" : "askFalse");
    output.append(p);
    say(statusLine, "elapsed", elapsed(run).vars);
  }

  function renderSelect(data, query, run) {
    const vars = (data.head && data.head.vars) || [];
    const rows = (data.results && data.results.bindings) || [];
    const prefixes = prefixMap(query);
    const rowCount = count(rows.length, "rowsOne", "rowsMany");
    output.append(table(vars, rows.slice(0, MAX_ROWS), { key: "caption", vars: { rows: rowCount } },
      (cell, row, name) => renderTerm(cell, row[name], prefixes)));
    if (rows.length > MAX_ROWS) note("truncated", { max: MAX_ROWS });
    statusSummary(rowCount, run);
  }

  function renderGraph(text, run) {
    const pre = document.createElement("pre");
    pre.className = "turtle";
    pre.tabIndex = 0;
    pre.setAttribute("role", "region");
    pre.dataset.i18nLabel = "graphLabel";
    pre.setAttribute("aria-label", t("graphLabel"));
    pre.textContent = text;
    output.append(pre);
    const lines = text ? text.replace(/\n$/, "").split("\n").length : 0;
    statusSummary({ key: "graphResult", vars: { lines: count(lines, "linesOne", "linesMany") } }, run);
  }

  function statusSummary(summary, run) {
    statusLine.replaceChildren();
    const what = document.createElement("span");
    say(what, summary.key, summary.vars);
    const time = document.createElement("span");
    time.className = "elapsed";
    say(time, "elapsed", elapsed(run).vars);
    statusLine.append(what, " · ", time);
    delete statusLine.dataset.i18n;
  }

  function note(key, vars) {
    const p = document.createElement("p");
    p.className = "hint";
    say(p, key, vars);
    output.append(p);
  }

  /* An accessible table: caption, column headers with scope, a focusable scrolling region. */
  function table(columns, rows, caption, fill) {
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    const tableEl = document.createElement("table");
    const cap = document.createElement("caption");
    cap.id = "results-caption";
    say(cap, caption.key, caption.vars);
    wrap.setAttribute("aria-labelledby", cap.id);
    const head = document.createElement("thead");
    const headRow = document.createElement("tr");
    for (const name of columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      headRow.append(th);
    }
    head.append(headRow);
    const body = document.createElement("tbody");
    for (const row of rows) {
      const tr = document.createElement("tr");
      for (const name of columns) {
        const td = document.createElement("td");
        fill(td, row, name);
        tr.append(td);
      }
      body.append(tr);
    }
    tableEl.append(cap, head, body);
    wrap.append(tableEl);
    if (!columns.length) {
      const p = document.createElement("p");
      p.className = "hint";
      say(p, "noColumns");
      wrap.append(p);
    }
    return wrap;
  }

  /* ---------- downloads ---------- */

  function stamp() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + pad(d.getMonth() + 1) + pad(d.getDate()) + "-" + pad(d.getHours()) + pad(d.getMinutes()) + pad(d.getSeconds());
  }

  function offerDownloads(query, formats) {
    downloads.replaceChildren();
    const label = document.createElement("span");
    label.className = "downloads-label";
    say(label, "download");
    downloads.append(label);
    const base = "skillgraph-" + (selected && query === loadedText ? selected.name : "query");
    for (const fmt of formats) {
      const link = document.createElement("a");
      link.href = ROOT + "sparql?query=" + encodeURIComponent(query);
      link.type = fmt.accept;
      link.className = "download";
      link.textContent = fmt.label;
      link.dataset.i18nTitle = "downloadTitle";
      link.dataset.i18nTitleVars = JSON.stringify({ format: fmt.label });
      link.title = t("downloadTitle", { format: fmt.label });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        download(query, fmt, base + "-" + stamp() + "." + fmt.ext, link);
      });
      downloads.append(" ", link);
    }
    downloads.hidden = false;
  }

  /* A link cannot set Accept: fetch the body with the right one and save it as a Blob. */
  async function download(query, fmt, filename, link) {
    /* GET like the link; a query too long for a URL goes in a POST body instead. */
    const encoded = encodeURIComponent(query);
    const viaGet = encoded.length <= MAX_GET_URL;
    const init = viaGet
      ? { headers: { Accept: fmt.accept } }
      : { method: "POST", headers: { Accept: fmt.accept, "Content-Type": "application/sparql-query" }, body: query };
    link.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(ROOT + "sparql" + (viaGet ? "?query=" + encoded : ""), init);
      if (!response.ok) {
        await showHttpError(response);
        return;
      }
      const blob = await response.blob();
      const objectUrl = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = objectUrl;
      anchor.download = filename;
      anchor.hidden = true;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(objectUrl), 10000);
    } catch (err) {
      showError(null, "", "");
    } finally {
      link.removeAttribute("aria-busy");
    }
  }

  /* ---------- the catalogue of named queries ---------- */

  async function loadCatalogue() {
    const status = $("examples-status");
    say(status, "examplesLoading");
    let response;
    try {
      response = await fetch(ROOT + "api/queries", { headers: { Accept: "application/json" } });
    } catch (err) {
      say(status, "examplesOffline");
      return;
    }
    if (!response.ok) {
      say(status, "examplesUnavailable", { status: String(response.status) });
      return;
    }
    try {
      const data = await response.json();
      catalogue = Array.isArray(data) ? data.filter((q) => q && typeof q.name === "string") : [];
    } catch (err) {
      say(status, "examplesUnavailable", { status: String(response.status) });
      return;
    }
    status.textContent = "";
    delete status.dataset.i18n;
    if (!catalogue.length) say(status, "examplesEmpty");
    const list = $("example-list");
    list.replaceChildren();
    for (const query of catalogue) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "example";
      button.dataset.name = query.name;
      const name = document.createElement("span");
      name.className = "example-name";
      name.textContent = query.name;
      button.append(name);
      if (query.summary) {
        const summary = document.createElement("span");
        summary.className = "example-summary";
        summary.lang = "en";
        summary.textContent = query.summary;
        button.append(summary);
      }
      button.addEventListener("click", () => choose(query));
      item.append(button);
      list.append(item);
    }
    // /explorer/sparql?requete=NAME opens a named query (the Explore page's catalogue links here).
    const wanted = new URLSearchParams(window.location.search).get("requete");
    const found = catalogue.find((query) => query.name === wanted);
    if (found) choose(found);
  }

  function choose(query) {
    selected = query;
    for (const button of document.querySelectorAll(".example")) {
      if (button.dataset.name === query.name) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
    if (typeof query.sparql === "string") {
      editor.value = query.sparql;
      loadedText = query.sparql;
    }
    const params = Array.isArray(query.params) ? query.params : [];
    updateNote();
    $("detail-name").textContent = query.name;
    const description = $("detail-description");
    description.textContent = query.description || query.summary || "";
    description.lang = "en";
    buildForm(params);
    $("example-detail").hidden = false;
  }

  /* Say which parameters of the chosen query are still unbound in the editor's text. */
  function updateNote() {
    const note = $("editor-note");
    const params = selected && Array.isArray(selected.params) ? selected.params : [];
    const text = editor.value;
    const names = params.map((p) => p.name).filter((name) => new RegExp("[?$]" + name + "\\b").test(text));
    if (names.length) {
      say(note, "unboundNote", { names: names.map((name) => "?" + name).join(", ") });
    } else {
      note.textContent = "";
      delete note.dataset.i18n;
      delete note.dataset.i18nVars;
    }
  }

  function buildForm(params) {
    const fields = $("param-fields");
    fields.replaceChildren();
    if (!params.length) {
      const p = document.createElement("p");
      p.className = "hint";
      say(p, "noParams");
      fields.append(p);
      return;
    }
    params.forEach((param, index) => {
      const id = "param-" + index;
      const row = document.createElement("div");
      row.className = "field";
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = param.name;
      const typeTag = document.createElement("span");
      typeTag.className = "param-type";
      typeTag.textContent = param.type || "";
      label.append(" ", typeTag);
      let control;
      const choices = Array.isArray(param.enum) ? param.enum : param.type === "boolean" ? ["true", "false"] : null;
      if (choices) {
        control = document.createElement("select");
        for (const value of choices) {
          const option = document.createElement("option");
          option.value = String(value);
          option.textContent = String(value);
          control.append(option);
        }
      } else {
        control = document.createElement("input");
        control.type = param.type === "integer" || param.type === "decimal" ? "number" : "text";
        if (param.type === "decimal") control.step = "any";
        control.spellcheck = false;
        control.autocomplete = "off";
      }
      control.id = id;
      control.name = param.name;
      if (param.default !== undefined && param.default !== null) control.value = String(param.default);
      row.append(label, control);
      const hints = [];
      if (param.description) hints.push({ text: param.description });
      if (param.prefix) hints.push({ key: "iriPrefix", vars: { prefix: param.prefix } });
      if (param.default !== undefined && param.default !== null) hints.push({ key: "defaultValue", vars: { value: String(param.default) } });
      if (hints.length) {
        const hint = document.createElement("div");
        hint.className = "hint";
        hint.id = id + "-hint";
        for (const h of hints) {
          const line = document.createElement("span");
          line.className = "hint-line";
          if (h.key) say(line, h.key, h.vars);
          else line.textContent = h.text;
          hint.append(line);
        }
        control.setAttribute("aria-describedby", hint.id);
        row.append(hint);
      }
      fields.append(row);
    });
  }

  async function runRest(event) {
    event.preventDefault();
    if (selected) fetchRest(selected, restSearch(selected), 0);
  }

  function restSearch(query) {
    const search = new URLSearchParams();
    for (const param of Array.isArray(query.params) ? query.params : []) {
      const control = $("rest-form").elements.namedItem(param.name);
      const value = control ? control.value.trim() : "";
      if (value !== "") search.append(param.name, value);
    }
    return search;
  }

  /* The part of a REST URL after "api/": the query's name and its parameters. */
  function restPath(query, search, offset, fmt) {
    const params = new URLSearchParams(search);
    if (offset) params.set("offset", String(offset));
    params.set("format", fmt);
    return encodeURIComponent(query.name) + "?" + params.toString();
  }

  async function fetchRest(query, search, offset, fromPager) {
    const run = begin();
    try {
      const response = await fetch(ROOT + "api/" + restPath(query, search, offset, "json"), {
        headers: { Accept: "application/json" },
        signal: run.signal,
      });
      if (!response.ok) {
        await showHttpError(response);
        return;
      }
      renderRest(await response.json(), query, search, run, fromPager);
    } catch (err) {
      if (err && err.name === "AbortError") return;
      if (err instanceof SyntaxError) showError(null, "", t("errorUnexpected"));
      else showError(null, "", "");
    } finally {
      finish(run);
    }
  }

  function renderRest(data, query, search, run, fromPager) {
    const rows = Array.isArray(data && data.rows) ? data.rows : [];
    const columns = Array.isArray(data && data.vars) ? data.vars.map(String) : [];
    for (const row of rows) {
      for (const key of Object.keys(row || {})) if (!columns.includes(key)) columns.push(key);
    }
    const prefixes = prefixMap(query.sparql);
    const rowCount = count(rows.length, "rowsOne", "rowsMany");
    output.append(table(columns, rows.slice(0, MAX_ROWS),
      { key: "restCaption", vars: { name: query.name, rows: rowCount } },
      (cell, row, name) => renderValue(cell, row ? row[name] : null, prefixes)));
    if (rows.length > MAX_ROWS) note("truncated", { max: MAX_ROWS });
    const total = typeof data.total === "number" ? data.total : rows.length;
    const offsetValue = typeof data.offset === "number" ? data.offset : 0;
    const summary = typeof data.total === "number" && (data.total > rows.length || offsetValue > 0)
      ? { key: "restRows", vars: { shown: rowCount, total: total, offset: data.offset || 0, limit: data.limit === undefined || data.limit === null ? "—" : data.limit } }
      : rowCount;
    statusSummary(summary, run);
    const offset = typeof data.offset === "number" ? data.offset : 0;
    const limit = typeof data.limit === "number" && data.limit > 0 ? data.limit : rows.length;
    if (typeof data.total === "number" && data.total > rows.length && limit > 0) {
      const nav = pager(query, search, offset, limit, total);
      output.append(nav);
      /* The pager was redrawn: keep the keyboard focus on it. */
      if (fromPager) {
        const target = nav.querySelector("[data-page=" + fromPager + "]:not(:disabled)") || nav.querySelector("button:not(:disabled)");
        if (target) target.focus();
      }
    }
    /* The page of rows as a file: format=… is in the URL, so a plain link is enough here. */
    downloads.replaceChildren();
    const label = document.createElement("span");
    label.className = "downloads-label";
    say(label, "download");
    downloads.append(label);
    for (const fmt of ["json", "csv"]) {
      const link = document.createElement("a");
      link.href = ROOT + "api/" + restPath(query, search, offset, fmt);
      link.download = "skillgraph-" + query.name + "-" + stamp() + "." + fmt;
      link.className = "download";
      link.textContent = fmt.toUpperCase();
      link.dataset.i18nTitle = "downloadTitle";
      link.dataset.i18nTitleVars = JSON.stringify({ format: fmt.toUpperCase() });
      link.title = t("downloadTitle", { format: fmt.toUpperCase() });
      downloads.append(" ", link);
    }
    const line = document.createElement("p");
    line.className = "rest-line";
    const urlLabel = document.createElement("span");
    urlLabel.className = "downloads-label";
    say(urlLabel, "restLink");
    const link = document.createElement("a");
    link.href = ROOT + "api/" + restPath(query, search, offset, "json");
    link.className = "rest-url";
    const absolute = new URL(link.href, document.baseURI);
    link.textContent = absolute.pathname + absolute.search;
    line.append(urlLabel, " ", link);
    downloads.append(line);
    downloads.hidden = false;
  }

  function pager(query, search, offset, limit, total) {
    const nav = document.createElement("nav");
    nav.className = "pager";
    nav.dataset.i18nLabel = "pages";
    nav.setAttribute("aria-label", t("pages"));
    const previous = document.createElement("button");
    previous.type = "button";
    previous.className = "secondary";
    say(previous, "previousPage");
    previous.dataset.page = "previous";
    previous.disabled = offset <= 0;
    previous.addEventListener("click", () => fetchRest(query, search, Math.max(0, offset - limit), "previous"));
    const next = document.createElement("button");
    next.type = "button";
    next.className = "secondary";
    say(next, "nextPage");
    next.dataset.page = "next";
    next.disabled = offset + limit >= total;
    next.addEventListener("click", () => fetchRest(query, search, offset + limit, "next"));
    nav.append(previous, next);
    return nav;
  }

  /* ---------- start ---------- */

  function init() {
    editor.value = PREFIXES.map(([name, ns]) => "PREFIX " + name + ": <" + ns + ">").join("\n") + "\n\n" + EXAMPLE_QUERY + "\n";
    $("run").addEventListener("click", runEditor);
    editor.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        runEditor();
      }
    });
    editor.addEventListener("input", updateNote);
    $("rest-form").addEventListener("submit", runRest);
    loadCatalogue();
  }

  init();
})();
