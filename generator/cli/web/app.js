// kehoach serve: the page. A plain textarea edits the text (so typing, undo, selection and
// input methods for Vietnamese are the browser's own); a <pre> behind it shows the same text
// highlighted, with the problems' lines marked; the gutter numbers the lines.
"use strict";

const W = KEHOACH.words;
const $ = (id) => document.getElementById(id);
const text = $("text"), highlight = $("highlight"), gutter = $("gutter"), preview = $("preview");
const CHECK_DELAY = 300; // ms after the last key before the plan is checked

let plan = null;       // the open plan's file name
let version = null;    // the version of the file on disk the edits are based on
let savedText = "";    // the text as last read from or written to disk
let lineEnd = "\n";    // the file's line ends: a textarea holds "\n" only, saving gives back "\r\n"
let problemsByLine = new Map();
let checkTimer = null, checkNumber = 0, documentIndex = 0;

async function api(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-Kehoach-Token": KEHOACH.token},
      body: JSON.stringify(body || {}),
    });
  } catch (error) {
    return {ok: false, status: 0, data: {error: W.failed}};
  }
  const kind = response.headers.get("Content-Type") || "";
  const data = kind.startsWith("application/json") ? await response.json() : await response.blob();
  return {ok: response.ok, status: response.status, data};
}

function say(message, dirty) {
  $("state").textContent = message;
  $("state").classList.toggle("dirty", Boolean(dirty));
}

// --- highlighting -----------------------------------------------------------------------------

function escapeHtml(value) {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Where a comment starts: a "#" at the start or after a blank, outside quotes.
function commentStart(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:\[{,-]/.test(line[i - 1])) quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) {
      return i;
    }
  }
  return -1;
}

const KEY = /^(\s*(?:-\s+)*)("[^"]*"|'[^']*'|[^\s#'"{\[][^:#]*?)(:)(?=\s|$)/;
const SCALAR = /^(-?\d+(?:[.,]\d+)?|true|false|null|~)$/;

function highlightValue(value) {
  const trimmed = value.trim();
  if (!trimmed) return escapeHtml(value);
  const lead = value.slice(0, value.indexOf(trimmed));
  const tail = value.slice(lead.length + trimmed.length);
  let kind = "";
  if (/^["']/.test(trimmed)) kind = "s";
  else if (SCALAR.test(trimmed)) kind = "n";
  else if (/^[|>][-+]?\d*$/.test(trimmed)) kind = "p";
  const body = escapeHtml(trimmed);
  return escapeHtml(lead) + (kind ? `<span class="${kind}">${body}</span>` : body) + escapeHtml(tail);
}

function highlightLine(line) {
  const at = commentStart(line);
  const code = at < 0 ? line : line.slice(0, at);
  const comment = at < 0 ? "" : `<span class="c">${escapeHtml(line.slice(at))}</span>`;
  const key = KEY.exec(code);
  if (key) {
    const [whole, indent, name, colon] = key;
    return indent.replace(/-/g, '<span class="p">-</span>') + `<span class="k">${escapeHtml(name)}</span>`
      + `<span class="p">${colon}</span>` + highlightValue(code.slice(whole.length)) + comment;
  }
  const item = /^(\s*)(-)(\s.*|)$/.exec(code);
  if (item) return escapeHtml(item[1]) + '<span class="p">-</span>' + highlightValue(item[3]) + comment;
  return highlightValue(code) + comment;
}

function paint() {
  const lines = text.value.split("\n");
  highlight.innerHTML = lines.map((line, i) => {
    const marks = problemsByLine.get(i + 1);
    const kind = marks ? ` ${marks.severity}` : "";
    return `<span class="line${kind}">${highlightLine(line) || " "}</span>`;
  }).join("") + '<span class="line"> </span>'.repeat(3);
  gutter.innerHTML = lines.map((_, i) => {
    const marks = problemsByLine.get(i + 1);
    if (!marks) return `<div data-line="${i + 1}">${i + 1}</div>`;
    const title = escapeHtml(marks.messages.join("\n")).replace(/"/g, "&quot;");
    return `<div data-line="${i + 1}" class="${marks.severity}" title="${title}">${i + 1}</div>`;
  }).join("") + "<div></div>".repeat(3);
  syncScroll();
}

function syncScroll() {
  highlight.scrollTop = text.scrollTop;
  highlight.scrollLeft = text.scrollLeft;
  gutter.scrollTop = text.scrollTop;
}

function goToLine(line) {
  const lines = text.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  text.focus();
  text.setSelectionRange(start, start + (lines[line - 1] || "").length);
  text.scrollTop = Math.max(0, (line - 5) * 19);
  syncScroll();
}

// --- checking and the preview -----------------------------------------------------------------

function showProblems(problems) {
  problemsByLine = new Map();
  for (const problem of problems) {
    if (problem.line < 1) continue;
    const marks = problemsByLine.get(problem.line) || {severity: "warning", messages: []};
    if (problem.severity === "error") marks.severity = "error";
    marks.messages.push(problem.message);
    problemsByLine.set(problem.line, marks);
  }
  const list = $("problems");
  list.innerHTML = "";
  if (!problems.length) list.textContent = W.no_problems;
  for (const problem of problems) {
    const row = document.createElement("div");
    row.className = problem.severity;
    row.dataset.line = problem.line;
    row.textContent = problem.text;
    if (problem.line > 0) row.addEventListener("click", () => goToLine(problem.line));
    list.appendChild(row);
  }
  paint();
}

function showDocuments(labels) {
  const select = $("documents");
  const old = Array.from(select.options, (option) => option.text).join("\n");
  if (old === labels.join("\n")) return;
  select.innerHTML = "";
  labels.forEach((label, i) => select.add(new Option(label, String(i), false, i === documentIndex)));
}

async function check() {
  const mine = ++checkNumber;
  const started = performance.now();
  const answer = await api("/api/check", {plan, text: text.value, doc: documentIndex});
  if (mine !== checkNumber || !answer.ok) {
    if (!answer.ok && mine === checkNumber) say(answer.data.error || W.failed, true);
    return;
  }
  showProblems(answer.data.problems);
  const stale = answer.data.html === null;
  if (!stale) {
    showDocuments(answer.data.documents);
    preview.innerHTML = answer.data.html;
    fitPreview();
  }
  preview.classList.toggle("stale", stale && preview.innerHTML !== "");
  $("stale").hidden = !stale;
  requestAnimationFrame(() => {
    // The browser's own time to show the new pages, read by the browser test (issue 20, part 7).
    document.body.dataset.previewMs = String(Math.round(performance.now() - started));
    document.body.dataset.checked = String(mine);
  });
}

function edited() {
  const dirty = text.value !== savedText;
  if (dirty) localStorage.setItem(draftKey(), JSON.stringify({text: text.value, version}));
  else localStorage.removeItem(draftKey());
  $("save").disabled = !dirty;
  say(dirty ? W.unsaved : "", dirty);
  paint();
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, CHECK_DELAY);
}

// --- opening and saving -----------------------------------------------------------------------

const draftKey = () => `kehoach:${location.port}:${plan}`;

async function listPlans(chosen) {
  const answer = await api("/api/plans");
  const select = $("plans");
  select.innerHTML = "";
  for (const name of answer.data.plans || []) select.add(new Option(name, name, false, name === chosen));
  const wanted = chosen || decodeURIComponent(location.hash.slice(1)) || select.value;
  if (wanted) { select.value = wanted; await openPlan(select.value); }
}

async function openPlan(name) {
  const answer = await api("/api/open", {plan: name});
  if (!answer.ok) { say(answer.data.error, true); return; }
  plan = name;
  history.replaceState(null, "", `${location.pathname}${location.search}#${encodeURIComponent(name)}`);
  lineEnd = answer.data.text.includes("\r\n") ? "\r\n" : "\n";
  savedText = answer.data.text.replace(/\r\n/g, "\n");
  version = answer.data.version;
  text.value = savedText;
  documentIndex = 0;
  $("documents").innerHTML = "";
  preview.innerHTML = "";
  $("conflict").hidden = true;
  $("downloads").hidden = true;
  const draft = JSON.parse(localStorage.getItem(draftKey()) || "null");
  if (draft && draft.text !== savedText) {
    text.value = draft.text;
    version = draft.version;
  }
  edited();
  if (draft && draft.text !== savedText) say(W.restored, true);
}

async function save() {
  const answer = await api("/api/save", {plan, text: text.value.replace(/\n/g, lineEnd), version});
  if (answer.ok) {
    version = answer.data.version;
    savedText = text.value;
    $("conflict").hidden = true;
    edited();
    say(W.saved);
    return true;
  }
  if (answer.status === 409) {
    $("conflict-message").textContent = answer.data.error;
    $("diff").textContent = answer.data.diff;
    $("conflict").hidden = false;
    $("reload").onclick = () => {
      savedText = text.value = answer.data.disk.replace(/\r\n/g, "\n");
      version = answer.data.version;
      $("conflict").hidden = true;
      edited();
    };
    $("keep").onclick = () => { version = answer.data.version; $("conflict").hidden = true; };
  }
  say(answer.data.error || W.failed, true);
  return false;
}

async function build() {
  if (text.value !== savedText && !(await save())) return;
  say(W.working);
  const answer = await api("/api/build", {plan, pdf: $("pdf").checked});
  const box = $("downloads");
  box.hidden = false;
  box.innerHTML = "";
  if (!answer.ok || answer.data.error) { box.textContent = answer.data.error || W.failed; say(""); return; }
  box.append(W.built);
  for (const file of answer.data.files) {
    const link = document.createElement("a");
    link.href = `/download?token=${encodeURIComponent(KEHOACH.token)}&file=${encodeURIComponent(file)}`;
    link.textContent = file;
    link.download = file.split("/").pop();
    box.append(document.createElement("br"), link);
  }
  say("");
}

async function newPlan(next) {
  let request = {from: plan, next};
  if (!next) {
    const name = prompt(W.new_name, "");
    if (!name) return;
    request.name = name;
  }
  const answer = await api("/api/new", request);
  if (!answer.ok) { say(answer.data.error, true); return; }
  await listPlans(answer.data.plan);
}

async function exactPage() {
  say(W.working);
  const answer = await api("/api/page", {plan, text: text.value, doc: documentIndex,
                                         page: Number($("page").value) || 1});
  const image = $("exact-image");
  if (!answer.ok) { say(answer.data.error, true); image.hidden = true; return; }
  if (image.src) URL.revokeObjectURL(image.src);
  image.src = URL.createObjectURL(answer.data);
  image.hidden = false;
  say("");
}

// The sheets shrink to the pane's width (never grow): a whole line of the page in view.
function fitPreview() {
  const sheet = preview.querySelector(".kh-sheet");
  if (!sheet) return;
  const room = $("right").clientWidth - 24;
  preview.style.zoom = String(Math.min(1, room / (sheet.offsetWidth || room)));
}

// --- wiring -----------------------------------------------------------------------------------

function setWords() {
  for (const [id, word] of [["save", "save"], ["build", "build"], ["pdf-label", "with_pdf"],
    ["new-copy", "new_copy"], ["new-next", "new_next"], ["exact", "exact"], ["page-label", "page"],
    ["reload", "reload"], ["keep", "keep"], ["note", "approximate"], ["stale", "stale"]]) {
    $(id).textContent = W[word];
  }
}

window.addEventListener("resize", fitPreview);
text.addEventListener("input", edited);
text.addEventListener("scroll", syncScroll);
text.addEventListener("keydown", (event) => {
  if (event.key === "Tab" && !event.shiftKey) { // two spaces: YAML indents with spaces only
    event.preventDefault();
    document.execCommand("insertText", false, "  ");
  }
});
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(); }
});
$("plans").addEventListener("change", (event) => openPlan(event.target.value));
$("documents").addEventListener("change", (event) => { documentIndex = Number(event.target.value); check(); });
$("save").addEventListener("click", save);
$("build").addEventListener("click", build);
$("new-copy").addEventListener("click", () => newPlan(false));
$("new-next").addEventListener("click", () => newPlan(true));
$("exact").addEventListener("click", exactPage);
setWords();
listPlans(null);
