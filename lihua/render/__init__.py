"""Renderers: a Report in, text for people or JSON for tools out. No engine code here."""
