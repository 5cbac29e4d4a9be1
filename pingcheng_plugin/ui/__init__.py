"""Docks, dialogs, map tools and actions: they show and ask; rules live in core/."""
