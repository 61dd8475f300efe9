"""`python -m bot.console [--host 127.0.0.1] [--port 8081]`: the staff
console on waitress (a production WSGI server), on this machine only unless
--host says otherwise. Never behind the public ingress (docs/deploy.md)."""
from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.console", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    args = parser.parse_args(argv)
    from waitress import serve

    from bot.console.app import create_app

    print(f"Staff console on http://{args.host}:{args.port}/ (accounts: python -m bot.staff add-user NAME)",
          flush=True)
    serve(create_app(), host=args.host, port=args.port, threads=4, ident="clinic-console")
    return 0


if __name__ == "__main__":
    sys.exit(main())
