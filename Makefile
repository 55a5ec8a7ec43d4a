# Two commands for newcomers: `make site` and `make test`. Every target sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check nieuw klaar golden lint bench bench-national clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m generator build

# The preview never hangs on a bad edit: it shows the errors on the page (see generator/preview.py).
DEV_ADDR ?= 127.0.0.1:8000

serve: $(STAMP)
	GEMEENTE=$(GEMEENTE) $(BIN)/mkdocs serve --livereload --dev-addr $(DEV_ADDR)

check: $(STAMP)
	$(BIN)/python -m generator check data

# The yearly cycle: make nieuw GEMEENTE=hardenberg JAAR=2027, edit, make klaar GEMEENTE=... JAAR=...
nieuw: $(STAMP)
	$(BIN)/python -m generator nieuw $(GEMEENTE) $(JAAR)

klaar: $(STAMP)
	$(BIN)/python -m generator klaar $(GEMEENTE) $(JAAR)

test: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/python -m pytest -q

golden: $(STAMP)
	$(BIN)/python -m tests.golden

bench: $(STAMP) site
	$(BIN)/python bench/search.py

# The national benchmark: 10, 40, 160 and 342 gemeenten x 5 years; takes a while, prints a table.
bench-national: $(STAMP)
	$(BIN)/python bench/national.py

clean:
	rm -rf site .site-* .site.lock $(VENV)
