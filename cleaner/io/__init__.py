"""Readers and writers, chosen by file suffix. Bytes become text in one place only: `cleaner.io.decode`."""
