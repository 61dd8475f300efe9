"""Demo clinic page with the chat widget: a small stdlib static server.

    python -m bot.web --port 8080

Serves web/ (index.html, widget.js, widget.css), the socket.io browser client
installed by `npm ci` in web/ (never a CDN), and /config.js, which tells the
widget where Rasa's socket.io channel is (RASA_PUBLIC_URL, default
http://localhost:5005). Every response carries a Content-Security-Policy that
allows scripts and styles from this server only and connections to this
server and the Rasa URL only, so injected markup could neither run nor send
data anywhere else. Only GET/HEAD of known files; no directory listings and
no path traversal. Nothing is read or created at import time.
"""
from __future__ import annotations

import argparse
import json
import mimetypes
import os
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Optional, Tuple
from urllib.parse import unquote, urlsplit

from bot import ROOT

WEB_DIR = ROOT / "web"
CLIENT_FILE = "node_modules/socket.io-client/dist/socket.io.min.js"
# Public path of the socket.io client, the only file served from node_modules.
CLIENT_PATH = "/vendor/socket.io.min.js"
DEFAULT_RASA_URL = "http://localhost:5005"
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml",
         ".ico": "image/x-icon", ".map": "application/json; charset=utf-8"}


def rasa_origin(url: str) -> str:
    """scheme://host[:port] of the Rasa URL, for the CSP and the widget."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"RASA_PUBLIC_URL must be an http(s) URL, not {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def ws_origin(origin: str) -> str:
    return "ws" + origin[len("http"):]


def security_headers(rasa: str) -> Dict[str, str]:
    # Older browsers do not treat http: in connect-src as covering ws:, so
    # list the WebSocket form of the Rasa origin as well.
    csp = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           f"connect-src 'self' {rasa} {ws_origin(rasa)}; base-uri 'none'; form-action 'none'; "
           "frame-ancestors 'none'")
    return {"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
            "Cross-Origin-Opener-Policy": "same-origin"}


def resolve(web_dir: Path, url_path: str) -> Optional[Path]:
    """The file a URL path names inside web_dir, or None.

    Decoded once, absolute or '..' segments refused, and the resolved path
    (symlinks followed) must stay inside web_dir. Dot-files and node_modules
    are never served; the socket.io client has its own fixed route."""
    path = unquote(urlsplit(url_path).path)
    if path.endswith("/"):
        path += "index.html"
    if path == CLIENT_PATH:
        candidate = web_dir / CLIENT_FILE
    else:
        parts = [p for p in path.split("/") if p]
        if any(p in ("..", ".") or p.startswith(".") or "\\" in p or "\x00" in p for p in parts):
            return None
        if not parts or parts[0] in ("node_modules", "package.json", "package-lock.json"):
            return None
        candidate = web_dir.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=True)
        base = web_dir.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_file() or not resolved.is_relative_to(base):
        return None
    return resolved


def config_js(rasa: str) -> bytes:
    """/config.js: the widget's settings, as data (JSON), never as markup."""
    config = {"socketUrl": rasa, "socketPath": "/socket.io/"}
    return f"window.CLINIC_CHAT_CONFIG = {json.dumps(config)};\n".encode()


def make_handler(web_dir: Path, rasa: str) -> type:
    headers = security_headers(rasa)
    config = config_js(rasa)

    class Handler(BaseHTTPRequestHandler):
        def version_string(self) -> str:
            return "clinic-web"

        def _send(self, status: int, body: bytes, content_type: str,
                  cache: str = "no-cache") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", cache)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _lookup(self) -> Tuple[int, bytes, str]:
            if urlsplit(self.path).path == "/config.js":
                return HTTPStatus.OK, config, TYPES[".js"]
            file = resolve(web_dir, self.path)
            if file is None:
                return HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8"
            content_type = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0]
            return HTTPStatus.OK, file.read_bytes(), content_type or "application/octet-stream"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            status, body, content_type = self._lookup()
            self._send(status, body, content_type)

        do_HEAD = do_GET

        def _refuse(self) -> None:
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"Method not allowed\n",
                       "text/plain; charset=utf-8")

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

        def log_message(self, format: str, *args) -> None:
            if os.environ.get("WEB_QUIET"):
                return
            super().log_message(format, *args)

    return Handler


def make_server(host: str, port: int, rasa_url: str, web_dir: Path = WEB_DIR) -> ThreadingHTTPServer:
    client = web_dir / CLIENT_FILE
    if not client.is_file():
        raise SystemExit(f"{client} is missing: run `npm ci` in web/ (make setup does it)")
    server = ThreadingHTTPServer((host, port), make_handler(web_dir, rasa_origin(rasa_url)))
    server.daemon_threads = True
    return server


def main(argv: Optional[list] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("WEB_HOST") or "127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT") or "8080"))
    parser.add_argument("--rasa-url", default=os.environ.get("RASA_PUBLIC_URL") or DEFAULT_RASA_URL)
    args = parser.parse_args(argv)
    server = make_server(args.host, args.port, args.rasa_url)
    print(f"Demo clinic page on http://{args.host}:{server.server_address[1]}/ "
          f"(chat via {rasa_origin(args.rasa_url)})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
