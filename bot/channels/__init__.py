"""Rasa input channels customised for the clinic (see credentials.yml)."""
