"""Validation of project sites: rules that return findings (data, not exceptions), fast on whole layers."""
