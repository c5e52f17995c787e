"""Exports of candidate lists, mandate pipelines and the moves feed to CSV and XLSX, streamed and recorded."""
