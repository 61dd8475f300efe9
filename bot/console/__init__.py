"""The staff console: a Flask app of its own (`python -m bot.console`, port
8081 in `make run`), reading and writing the records the assistant stores.
Never on the public ingress (docs/deploy.md)."""
