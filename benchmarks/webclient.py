"""A small HTTP client for the benchmark scripts: keeps cookies, reads forms, sends CSRF.

It talks plain HTTP to gunicorn on 127.0.0.1 and sends every cookie it holds, Secure ones
included: in production TLS ends at the load balancer, which is what the cookies' Secure
flag is about.
"""

import http.client
import secrets
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage | None
    body: str
    seconds: float
    error: str = ""

    @property
    def location(self) -> str:
        return (self.headers or {}).get("Location", "") if self.headers else ""


@dataclass
class Browser:
    port: int
    host: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 15

    def request(
        self,
        method: str,
        path: str,
        data: dict | list | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> Response:
        """One request on a fresh connection; network errors come back as status 0.

        With `files` ({field: (file name, content)}) the form goes as multipart/form-data.
        """
        headers = {"Host": self.host}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if files:
            body, headers["Content-Type"] = _multipart(data or [], files)
        elif data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", errors="replace")
        except (OSError, http.client.HTTPException) as error:
            return Response(0, None, "", time.monotonic() - started, error=repr(error))
        finally:
            connection.close()
        for header in raw.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(raw.status, raw.headers, text, time.monotonic() - started)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(
        self, path: str, data: dict | list, files: dict[str, tuple[str, bytes]] | None = None
    ) -> Response:
        return self.request("POST", path, data, files)


def _multipart(data: dict | list, files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """The body and Content-Type of a multipart/form-data form."""
    boundary = f"----np-bench-{secrets.token_hex(12)}"
    fields = data.items() if isinstance(data, dict) else data
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_chosen = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = []
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._form.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_value, self._select_chosen = name, None, False
        elif tag == "option" and self._select is not None:
            if "selected" in attrs and not self._select_chosen:
                self._select_value, self._select_chosen = attrs.get("value", ""), True
            elif self._select_value is None:
                self._select_value = attrs.get("value", "")  # the first option, by default

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "textarea" and self._textarea is not None:
            self._form.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self._form.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "form":
            self._form = None


def form_fields(html: str, containing: str) -> list[tuple[str, str]]:
    """The fields a browser would send for the first form that has a field `containing`."""
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        if any(name == containing for name, _ in form):
            return form
    raise LookupError(f"no form with a field named {containing!r}")


def replace(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    """The same fields with some values replaced (added when absent)."""
    out = [(name, values.get(name, value)) for name, value in fields]
    out += [(name, value) for name, value in values.items() if name not in dict(fields)]
    return out
