"""The action server, reachable only by Rasa (issue 14).

    .venv/bin/python -m bot.action_server --actions actions --port 5055

rasa-sdk's own server (`rasa run actions`) listens on every interface and
runs any tracker posted to it: anyone who reached port 5055 could file
bookings or hand-overs with a forged conversation. This starts the same
rasa-sdk app (same arguments, same plugins) with two changes:

* it binds to ACTION_SERVER_HOST, 127.0.0.1 by default;
* every call but /health must carry `Authorization: Bearer <ACTION_SERVER_TOKEN>`,
  which Rasa sends from endpoints.yml; without it the answer is 403. It
  refuses to start without a token.
"""
from __future__ import annotations

import hmac
import logging
import os
import sys
from typing import List, Optional

logger = logging.getLogger(__name__)
OPEN_PATHS = frozenset({"/health"})


def require_token(app, token: str) -> None:
    """A Sanic request middleware: 403 unless the bearer token matches."""
    from sanic.response import json as json_response

    expected = f"Bearer {token}".encode()

    @app.middleware("request")
    async def _check_token(request):
        if request.path in OPEN_PATHS:
            return None
        given = (request.headers.get("authorization") or "").encode()
        if not hmac.compare_digest(given, expected):
            return json_response({"error": "forbidden"}, status=403)
        return None


def create_app(actions: str, token: str, cors_origins=None):
    from rasa_sdk.endpoint import create_app as sdk_create_app
    from rasa_sdk.plugin import plugin_manager

    app = sdk_create_app(actions, cors_origins=cors_origins)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    require_token(app, token)
    return app


def main(argv: Optional[List[str]] = None) -> int:
    from rasa_sdk import utils
    from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
    from rasa_sdk.endpoint import create_argument_parser

    args = create_argument_parser().parse_args(argv)
    token = os.environ.get("ACTION_SERVER_TOKEN", "")
    if len(token) < 16:
        print("ACTION_SERVER_TOKEN must be set (16 characters or more): Rasa sends it to the "
              "action server (endpoints.yml). scripts/env.sh makes one per start.", file=sys.stderr)
        return 2
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(logging.getLogger(APPLICATION_ROOT_LOGGER_NAME), args.log_file,
                                 args.loglevel, args.logging_config_file)
    utils.update_sanic_log_level()
    host = os.environ.get("ACTION_SERVER_HOST", "127.0.0.1")
    app = create_app(args.actions, token, cors_origins=args.cors)
    logger.info("Action server on http://%s:%s (token required)", host, args.port)
    app.run(host, int(args.port), workers=utils.number_of_sanic_workers())
    return 0


if __name__ == "__main__":
    sys.exit(main())
