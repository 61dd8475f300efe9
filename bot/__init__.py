"""The clinic assistant's plain-Python logic: profile, articles, search.

Nothing here touches Rasa at import time, so it can be unit-tested quickly
and reused by the Rasa components, the action server and staff tools.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
