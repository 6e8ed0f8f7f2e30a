"""A `kehoach serve` server on a copy of the sample plans, for the tests of the server and of
its page: started in a thread on a free port of 127.0.0.1, stopped at the end."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from generator.cli.serve import TOKEN_HEADER, Server, Workspace

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "xuan-phuc-2023.yaml"


@contextmanager
def serving(folder: Path, lang: str = "vi") -> Iterator[Server]:
    """Yields a server of `folder` (the samples copied into folder/plans), running."""
    (folder / "plans").mkdir(parents=True, exist_ok=True)
    for plan in (ROOT / "plans").glob("*.yaml"):
        shutil.copyfile(plan, folder / "plans" / plan.name)
    server = Server(Workspace(folder, Path("output")), lang)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Answer(NamedTuple):
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def request(server: Server, method: str, path: str, body: Any = None, *, token: str | None = "",
            headers: dict[str, str] | None = None, raw: bytes | None = None) -> Answer:
    """Sends a request as the page does (the token in its header, JSON body) unless told
    otherwise: `token` None sends none, `headers` replace or add headers."""
    sent = {"Host": server.url.removeprefix("http://"), "Content-Type": "application/json"}
    if token is not None:
        sent[TOKEN_HEADER] = token or server.token
    sent.update(headers or {})
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=60)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in sent.items():
            connection.putheader(name, value)
        if (data is not None or method == "POST") and "Content-Length" not in sent:
            connection.putheader("Content-Length", str(len(data or b"")))
        connection.endheaders(data)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()
