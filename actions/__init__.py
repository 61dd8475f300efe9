"""Thin Rasa SDK actions: each module handles one concern and calls bot/."""
