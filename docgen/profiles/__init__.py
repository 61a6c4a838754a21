"""Profiles: an agency's settings (``profile.yaml``) and templates (``*.j2``), found on a search path."""
