"""Prestatieafspraken: from YAML agreements to a searchable static site."""
