"""`kehoach serve`: edit the plans of a folder in the browser, with problems at their lines and a
live preview of every document (issue 20).

The standard library's `ThreadingHTTPServer` is enough for one clerk on one computer: no
dependency to keep up, nothing to install offline. The page (generator/cli/web/) is one HTML file
with its script and styles inlined, so every request carries the run's secret token.

Safety (issue 20, part 4): the server listens on 127.0.0.1 only and answers only requests that
name it as their host (no DNS rebinding); every request carries the token (in the URL for the
page and downloads, in the `X-Kehoach-Token` header for the rest); requests that change anything
are POSTs with the token in a header, which another site's page cannot send without a CORS
preflight that is never answered, and an `Origin`, when sent, must be the page's own. Plan and
download names are plain file names inside DIR/plans and the output folder, checked again once
symbolic links are resolved. Bodies are limited in size.
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
import json
import os
import secrets
import shutil
import subprocess
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .. import messages
from ..build import plan_documents
from ..errors import Crashed, KehoachError
from ..messages import N_
from ..plan.load import MAX_BYTES
from ..plan.read import Checked, check_plan
from ..save import is_safe, write_files, write_new_file

PLANS_FOLDER = "plans"
PLAN_SUFFIXES = (".yaml", ".yml")
TOKEN_HEADER = "X-Kehoach-Token"
# A plan is at most MAX_BYTES; as a JSON string (escapes, \uXXXX) it may take up to six times that.
MAX_BODY = 6 * MAX_BYTES + 4096
_WEB = Path(__file__).resolve().parent / "web"


class Refused(Exception):
    """A request the server will not serve: `status` and the message's id (translated when sent)."""

    def __init__(self, status: HTTPStatus, msgid: str, **args: Any) -> None:
        super().__init__(msgid)
        self.status, self.msgid, self.args_ = status, msgid, args


def version_of(raw: bytes) -> str:
    """Returns the version token of a file's bytes: two tabs that opened different bytes differ."""
    return hashlib.sha256(raw).hexdigest()


class Workspace:
    """The folder the server edits: plans in `root/plans`, builds in `output`."""

    def __init__(self, root: Path, output: Path) -> None:
        self.root = root.resolve()
        self.plans = self.root / PLANS_FOLDER
        self.output = output if output.is_absolute() else self.root / output
        self.lock = threading.Lock()  # one check, render, save or build at a time

    def plan_names(self) -> list[str]:
        if not self.plans.is_dir():
            return []
        return sorted(path.name for path in self.plans.iterdir()
                      if path.suffix in PLAN_SUFFIXES and self._inside(path, self.plans) and path.is_file())

    def plan_path(self, name: object) -> Path:
        """Returns the path of the plan `name`, a plain file name in the plans' folder; raises
        `Refused` for anything else (another folder, "..", a link leading out of DIR)."""
        if not isinstance(name, str) or not name.endswith(PLAN_SUFFIXES) or not is_safe(name):
            raise Refused(HTTPStatus.NOT_FOUND, N_("No plan named {name} in the plans folder."), name=str(name))
        path = self.plans / name
        if not self._inside(path, self.plans):
            raise Refused(HTTPStatus.FORBIDDEN, N_("{name} leads outside the folder being served."), name=name)
        return path

    def output_path(self, relative: str) -> Path:
        """Returns the built file `relative` (as `plan-stem/…/x.docx`) inside the output folder."""
        parts = PurePosixPath(relative).parts
        if not parts or not all(is_safe(part) for part in parts):
            raise Refused(HTTPStatus.NOT_FOUND, N_("No built file named {name}."), name=relative)
        path = self.output.joinpath(*parts)
        if not self._inside(path, self.output) or not path.is_file():
            raise Refused(HTTPStatus.NOT_FOUND, N_("No built file named {name}."), name=relative)
        return path

    def display(self, path: Path) -> Path:
        """Returns `path` as messages show it: relative to DIR, as `kehoach validate plans/x.yaml`."""
        return path.relative_to(self.root)

    @staticmethod
    def _inside(path: Path, folder: Path) -> bool:
        return path.resolve().is_relative_to(folder.resolve())


class App:
    """What the page asks for, as functions of parsed JSON; the handler below only routes."""

    def __init__(self, workspace: Workspace, lang: str) -> None:
        self.workspace, self.lang = workspace, lang
        self._ = messages.translator(lang).gettext
        self.office = WarmOffice()

    # --- reading --------------------------------------------------------------------------

    def plans(self, _request: dict) -> dict:
        return {"plans": self.workspace.plan_names()}

    def open(self, request: dict) -> dict:
        path = self.workspace.plan_path(request.get("plan"))
        try:
            raw = path.read_bytes()
        except OSError:
            raise Refused(HTTPStatus.NOT_FOUND, N_("No plan named {name} in the plans folder."),
                          name=path.name) from None
        try:  # a BOM stays in the text, so that saving gives back the same bytes
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY, N_("{name} is not UTF-8 text; run kehoach validate "
                          "{file} to see how to save it as UTF-8."), name=path.name,
                          file=self.workspace.display(path)) from None
        return {"text": text, "version": version_of(raw)}

    def check(self, request: dict) -> dict:
        """Returns the problems of the editor's text and, when it has no errors, the documents
        it makes and the HTML of the one asked for (`doc`, an index)."""
        path = self.workspace.plan_path(request.get("plan"))
        checked = self._checked(path, _text(request))
        answer: dict[str, Any] = {"problems": self._problems(checked), "documents": [], "html": None}
        if checked.plan is None and checked.letter is None:
            return answer
        from ..writers.html import write_html  # the preview's writer, only once a plan is valid

        planned = plan_documents(checked)
        answer["documents"] = [self._label(item.kind, item.unit.name if item.unit else item.name.stem)
                               for item in planned]
        chosen = planned[min(max(_int(request.get("doc"), 0), 0), len(planned) - 1)]
        try:
            with self.workspace.lock:
                answer["html"] = write_html(chosen.make())
        except KehoachError as error:  # an override template's problem, as `build` reports it
            answer["problems"].append({"line": 0, "column": 0, "severity": "error", "message": str(error)})
        return answer

    def _checked(self, path: Path, text: str) -> Checked:
        raw = text.encode("utf-8")
        if len(raw) > MAX_BYTES:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, N_("The plan is larger than {limit} bytes."),
                          limit=MAX_BYTES)
        with self.workspace.lock:
            return check_plan(self.workspace.display(path), raw=raw)

    def _problems(self, checked: Checked) -> list[dict]:
        return [{"line": problem.line, "column": problem.column, "severity": problem.severity,
                 "text": messages.format_problem(problem, self.lang),
                 "message": messages.message(problem, self.lang)} for problem in checked.problems]

    def _label(self, kind: str, unit: str) -> str:
        _ = self._
        if kind == "plan":
            return _("The plan")
        return (_("Letter: {unit}") if kind == "letter" else _("Task sheet: {unit}")).format(unit=unit)

    # --- writing --------------------------------------------------------------------------

    def save(self, request: dict) -> dict:
        """Writes the editor's text exactly, atomically; refuses (409, with the difference) when
        the file on disk is not the version the editor opened."""
        path = self.workspace.plan_path(request.get("plan"))
        text = _text(request)
        with self.workspace.lock:
            disk = path.read_bytes() if path.exists() else b""
            if version_of(disk) != request.get("version"):
                theirs = disk.decode("utf-8-sig", errors="replace")
                diff = "".join(difflib.unified_diff(
                    text.splitlines(keepends=True), theirs.splitlines(keepends=True),
                    self._("your edits"), self._("on disk")))
                raise Conflict({"diff": diff, "disk": theirs, "version": version_of(disk),
                                "error": self._("{file} changed on disk since you opened it: your edits "
                                                "were not saved.").format(file=self.workspace.display(path))})
            raw = text.encode("utf-8")
            write_files(path.parent, {PurePosixPath(path.name): raw})
        return {"version": version_of(raw)}

    def build(self, request: dict) -> dict:
        """Builds the saved plan as `kehoach build` does (PDFs too with `pdf`); returns the files
        for download, or the problems."""
        from ..batch import build_one

        path = self.workspace.plan_path(request.get("plan"))
        with self.workspace.lock:
            outcome = build_one(self.workspace.display(path), self.workspace.output)
        if outcome.written is None:
            error = self._("The saved plan has errors: nothing was built.")
            if outcome.crash is not None or outcome.write_error is not None:
                error = self._("The documents could not be written; run kehoach build {file} to see why.").format(
                    file=self.workspace.display(path))
            return {"files": [], "error": error}
        written = list(outcome.written)
        if request.get("pdf"):
            written += self._pdfs(written)
        return {"files": [str(PurePosixPath(*file.relative_to(self.workspace.output).parts)) for file in written]}

    def _pdfs(self, documents: list[Path]) -> list[Path]:
        from ..writers.pdf import ConversionFailed, ToolMissing, write_pdfs

        try:
            with self.workspace.lock:
                return write_pdfs(documents)
        except ToolMissing:
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, N_("LibreOffice is not installed: "
                          "the .docx files were built, the PDFs were not.")) from None
        except ConversionFailed:
            raise Refused(HTTPStatus.BAD_GATEWAY, N_("LibreOffice could not convert the documents to PDF.")) from None

    def new(self, request: dict) -> dict:
        """Makes a plan: a copy of another plan of the folder under a new name (`copy`), or next
        year's plan from it as `kehoach new` makes it."""
        source = self.workspace.plan_path(request.get("from"))
        if request.get("next"):
            text, target = self._next_year(source)
        else:
            target = self.workspace.plan_path(request.get("name"))
            text = source.read_text(encoding="utf-8-sig")
        from ..save import FileExists

        try:
            write_new_file(target, text.encode("utf-8"))
        except FileExists:
            raise Refused(HTTPStatus.CONFLICT, N_("{name} exists already; choose another name."),
                          name=target.name) from None
        return {"plan": target.name}

    def _next_year(self, source: Path) -> tuple[str, Path]:
        from ..year.rollover import RolloverRefused, default_output, roll_over
        from .repo_init import schema_line

        checked = check_plan(source)
        if checked.plan is None or checked.plan.year is None:
            raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY,
                          N_("{name} has errors or is not a yearly plan: fix it before starting next year's plan."),
                          name=source.name)
        year = checked.plan.year + 1
        target = self.workspace.plan_path(default_output(source, checked.plan.year, year).name)
        try:
            rolled = roll_over(source.read_text(encoding="utf-8-sig"), year, schema_line(target))
        except RolloverRefused:
            raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY, N_("kehoach new cannot start next year's plan from "
                          "{name}; run it in a terminal to see why."), name=source.name) from None
        return rolled.text, target

    def page(self, request: dict) -> bytes:
        """Returns a page of the chosen document (`doc`, `page`) of the editor's text as LibreOffice
        prints it, as `kehoach preview` makes it (PNG)."""
        import tempfile

        from ..writers.docx import write_docx
        from ..writers.pdf import ConversionFailed, NoSuchPage, ToolMissing, write_pngs

        path = self.workspace.plan_path(request.get("plan"))
        checked = self._checked(path, _text(request))
        if checked.plan is None and checked.letter is None:
            raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY, N_("The plan has errors: fix them to see its pages."))
        planned = plan_documents(checked)
        chosen = planned[min(max(_int(request.get("doc"), 0), 0), len(planned) - 1)]
        number = max(_int(request.get("page"), 1), 1)
        with self.workspace.lock:
            docx = write_docx(chosen.make())
        with tempfile.TemporaryDirectory(prefix="kehoach-page-") as folder:
            document = Path(folder, "document.docx")
            document.write_bytes(docx)
            try:
                pdf = Path(folder, "document.pdf")
                pdf.write_bytes(self.office.convert(document))
                (png,) = write_pngs(pdf, Path(folder), number, number)
            except ToolMissing:
                raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, N_("LibreOffice is not installed: "
                              "the exact pages cannot be shown.")) from None
            except ConversionFailed:
                raise Refused(HTTPStatus.BAD_GATEWAY, N_("LibreOffice could not convert the document.")) from None
            except NoSuchPage as missing:
                raise Refused(HTTPStatus.NOT_FOUND, N_("The document has {pages} page(s)."),
                              pages=missing.pages) from None
            return png.read_bytes()

    # --- the page ---------------------------------------------------------------------------

    def index(self, token: str, nonce: str) -> str:
        from ..writers.html import stylesheet

        page = (_WEB / "index.html").read_text(encoding="utf-8")
        script = (_WEB / "app.js").read_text(encoding="utf-8")
        styles = (_WEB / "app.css").read_text(encoding="utf-8")
        config = json.dumps({"token": token, "lang": self.lang, "words": self.words()}, ensure_ascii=False)
        return (page.replace("{{lang}}", self.lang).replace("{{title}}", self._("kehoach: plans"))
                .replace("{{styles}}", styles + stylesheet()).replace("{{nonce}}", nonce)
                .replace("{{config}}", config.replace("</", "<\\/")).replace("{{script}}", script))

    def words(self) -> dict[str, str]:
        """Returns the page's own words in the clerk's language."""
        _ = self._
        return {
            "save": _("Save"), "build": _("Build"),
            "with_pdf": _("also PDF"), "saved": _("Saved."), "unsaved": _("Unsaved edits"),
            "restored": _("Unsaved edits from your last visit were restored."),
            "no_problems": _("No problems."),
            "stale": _("The plan has errors: this preview is the last good one."),
            "approximate": _("Preview: page breaks are approximate (red lines). For the exact pages, "
                             "as LibreOffice prints them, use “Exact page”."),
            "exact": _("Exact page"), "page": _("Page"), "reload": _("Reload from disk (drop my edits)"),
            "keep": _("Keep my edits"), "built": _("Built; download:"), "working": _("Working…"),
            "new_copy": _("New plan as a copy"), "new_next": _("Next year's plan"),
            "new_name": _("Name of the new plan file (ending in .yaml):"),
            "failed": _("The server did not answer."),
        }


class WarmOffice:
    """LibreOffice kept warm for "Exact page": an instance started ahead, on a profile of its
    own, takes the next `soffice --convert-to` run on that profile (under a second instead of
    several to start one). It ends after that conversion, so another is started in the
    background after each; the first request, and one that comes before the next instance is
    up, start LibreOffice themselves, as `preview` does."""

    def __init__(self) -> None:
        self.profile: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()
        self.stopped = False

    def convert(self, document: Path) -> bytes:
        """Returns `document` as a PDF; raises as `pdf.convert`."""
        from ..writers import pdf

        with self.lock:
            if self.profile is None:
                import tempfile

                self.profile = Path(tempfile.mkdtemp(prefix="kehoach-office-profile-"))
            try:
                return pdf.convert([document], "pdf", self.profile)[document]
            finally:
                threading.Thread(target=self._restart, args=(self.process, pdf.find_soffice()), daemon=True).start()

    def _restart(self, used: subprocess.Popen[bytes] | None, soffice: str | None) -> None:
        """Starts the next instance once `used`, the one that took the conversion, has ended (it
        takes a moment to: one started before then would hand its start to it and end too)."""
        if used is not None:
            try:
                used.wait(timeout=15)
            except subprocess.TimeoutExpired:
                return  # still there: it did not take the conversion, and is still warm
        with self.lock:
            self._start(soffice)

    def _start(self, soffice: str | None) -> None:
        if self.stopped or soffice is None or self.profile is None or (
                self.process is not None and self.process.poll() is None):
            return
        self.process = subprocess.Popen(
            [soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
             f"-env:UserInstallation={self.profile.as_uri()}", f"--accept=pipe,name={self.profile.name};urp;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=os.name == "posix")

    def stop(self) -> None:
        """Ends the waiting instance (the launcher and the soffice.bin it started) and its profile."""
        with self.lock:  # not while one is being started
            self.stopped = True
            process = self.process
        if process is not None and process.poll() is None:
            from ..writers.pdf import kill_tree

            kill_tree(process)
            process.wait()
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)


class Conflict(Exception):
    """Saving refused: the file changed on disk; `answer` tells the page what it is now."""

    def __init__(self, answer: dict) -> None:
        super().__init__("conflict")
        self.answer = answer


def _text(request: dict) -> str:
    text = request.get("text")
    if not isinstance(text, str):
        raise Refused(HTTPStatus.BAD_REQUEST, N_("The request holds no plan text."))
    return text


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


# --- HTTP -----------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    """Routes requests to the `App`, after the checks of part 4 of the issue."""

    server: Server
    server_version = "kehoach"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Says nothing: the URL holds the token, and the terminal is the clerk's."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._serve(self._post)

    def _serve(self, route: Callable[[], None]) -> None:
        try:
            self._check_host()
            route()
        except Refused as refused:
            self._json(refused.status, {"error": self.server.app._(refused.msgid).format(**refused.args_)})
        except Conflict as conflict:
            self._json(HTTPStatus.CONFLICT, conflict.answer)
        except ConnectionError:  # the page went away before its answer: nothing to tell anyone
            self.close_connection = True
        except Exception as error:  # noqa: BLE001 - a bug: reported to a file, never as a traceback
            from ..crash import write_report

            report = write_report(error.__cause__ or error if isinstance(error, Crashed) else error,
                                  {"request": urlsplit(self.path).path})
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": self.server.app._(
                "kehoach failed (a bug); the details are in {report}. Save your work.").format(report=report)})

    def _check_host(self) -> None:
        if self.headers.get("Host") not in self.server.hosts:
            raise Refused(HTTPStatus.MISDIRECTED_REQUEST, N_("This server answers only at {url}."), url=self.server.url)

    def _token_ok(self, given: str | None) -> None:
        if not given or not hmac.compare_digest(given.encode(), self.server.token.encode()):
            raise Refused(HTTPStatus.FORBIDDEN, N_("Open the address kehoach serve printed, with its token."))

    def _get(self) -> None:
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        self._token_ok(query.get("token") or self.headers.get(TOKEN_HEADER))
        if url.path == "/":
            nonce = secrets.token_urlsafe(16)
            self._send(HTTPStatus.OK, "text/html; charset=utf-8",
                       self.server.app.index(self.server.token, nonce).encode(), nonce)
        elif url.path == "/download":
            path = self.server.workspace.output_path(query.get("file", ""))
            self._send(HTTPStatus.OK, _content_type(path), path.read_bytes(),
                       disposition=f"attachment; filename=\"{path.name}\"")
        else:
            raise Refused(HTTPStatus.NOT_FOUND, N_("Nothing here."))

    def _post(self) -> None:
        self._token_ok(self.headers.get(TOKEN_HEADER))
        origin = self.headers.get("Origin")
        if origin is not None and origin != self.server.url:
            raise Refused(HTTPStatus.FORBIDDEN, N_("Requests that change plans come only from kehoach's own page."))
        request = self._body()
        app = self.server.app
        routes: dict[str, Callable[[dict], Any]] = {
            "/api/plans": app.plans, "/api/open": app.open, "/api/check": app.check, "/api/save": app.save,
            "/api/build": app.build, "/api/new": app.new}
        path = urlsplit(self.path).path
        if path == "/api/page":
            self._send(HTTPStatus.OK, "image/png", app.page(request))
        elif path in routes:
            self._json(HTTPStatus.OK, routes[path](request))
        else:
            raise Refused(HTTPStatus.NOT_FOUND, N_("Nothing here."))

    def _body(self) -> dict:
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(HTTPStatus.LENGTH_REQUIRED, N_("The request has no length.")) from None
        if length > MAX_BODY or length < 0:
            self.close_connection = True  # the body is not read
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, N_("The plan is larger than {limit} bytes."),
                          limit=MAX_BYTES)
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, N_("Requests that change plans come only "
                          "from kehoach's own page."))
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise Refused(HTTPStatus.BAD_REQUEST, N_("The request is not valid JSON.")) from None
        if not isinstance(request, dict):
            raise Refused(HTTPStatus.BAD_REQUEST, N_("The request is not valid JSON."))
        return request

    def _json(self, status: HTTPStatus, answer: dict) -> None:
        self._send(status, "application/json; charset=utf-8", json.dumps(answer, ensure_ascii=False).encode())

    def _send(self, status: HTTPStatus, kind: str, body: bytes, nonce: str = "", disposition: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")  # the token is in the page's URL
        self.send_header("Content-Security-Policy", f"default-src 'none'; script-src 'nonce-{nonce}'; "
                         "style-src 'unsafe-inline'; img-src blob:; connect-src 'self'; frame-ancestors 'none'; "
                         "base-uri 'none'; form-action 'none'")
        if disposition:
            self.send_header("Content-Disposition", disposition)
        self.end_headers()
        self.wfile.write(body)


def _content_type(path: Path) -> str:
    return {".pdf": "application/pdf",
            ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }.get(path.suffix, "application/octet-stream")


class Server(ThreadingHTTPServer):
    """The HTTP server with the run's token, workspace and app."""

    daemon_threads = True

    def __init__(self, workspace: Workspace, lang: str, port: int = 0, token: str | None = None) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.workspace = workspace
        self.app = App(workspace, lang)
        self.token = token or secrets.token_urlsafe(24)
        port = self.server_address[1]
        self.url = f"http://127.0.0.1:{port}"
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}

    def handle_error(self, request: object, client_address: object) -> None:
        """Keeps a failure outside a request's handling (a connection reset mid-answer) off the
        clerk's terminal: http.server would print its traceback there."""
        import sys

        from ..crash import write_report

        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, ConnectionError):
            write_report(error, {"request": "(outside a request)"})

    def server_close(self) -> None:
        super().server_close()
        self.app.office.stop()

    @property
    def page_url(self) -> str:
        return f"{self.url}/?token={self.token}"


def run(folder: Path, output: Path, lang: str, port: int, open_browser: bool,
        echo: Callable[[str], None]) -> None:
    """Serves `folder` until interrupted (Ctrl+C): prints the page's address and opens it.
    Raises OSError when the port cannot be had."""
    server = Server(Workspace(folder, output), lang, port)
    _ = messages.translator(lang).gettext
    echo(_("kehoach is serving the plans of {folder} at\n  {url}\nKeep this window open while you work; "
           "press Ctrl+C to stop.").format(folder=server.workspace.plans, url=server.page_url))
    if open_browser:
        import webbrowser

        webbrowser.open(server.page_url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        echo(_("Stopped."))
    finally:
        server.server_close()
