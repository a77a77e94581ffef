"""Thin adapters that run cleaner's steps inside other data tools: a datatrove pipeline step (`datatrove`) and
functions for HuggingFace `datasets` (`hf_datasets`). Each imports its tool only when used."""
