# The project's interface: `make site`, `make test`, `make serve` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
# The site engine: mkdocs, properdocs (the maintained MkDocs fork) as the fallback, or zensical
# (Material's successor; builds the pages that `python -m generator generate` writes).
ENGINE ?= mkdocs
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site test serve validate schema lint format lock bench clean

site: $(STAMP)  ## Build site/ from content/; published only when the whole build succeeds
	rm -rf .site.new
ifeq ($(ENGINE),zensical)
	@# Zensical runs no plugins: the pages are written first, then built with zensical.yml.
	$(BIN)/python -m generator generate --out .pages
	cp -R site_templates/static/. .pages/
	$(BIN)/zensical build --strict --clean --config-file zensical.yml
else
	$(BIN)/$(ENGINE) build --strict --config-file mkdocs.yml --site-dir .site.new
endif
	@# The search index, from the built pages whatever the engine (settings: pagefind.yml)
	$(BIN)/python -m pagefind --site .site.new --quiet
	@# Whatever the engine: nothing is published that fails the site check (generator/check/).
	$(BIN)/python -m generator check .site.new
	@# site is a symlink to a release folder, switched by one rename(2): never half-written.
	@if [ -d site ] && [ ! -L site ]; then mkdir -p .releases && mv site .releases/0-earlier \
	  && ln -s .releases/0-earlier site; fi
	mkdir -p .releases
	release=.releases/$$(date +%s%N) && mv .site.new $$release \
	  && ln -sfn $$release .site.link && mv -T .site.link site
	@# keep the current and the previous release, for rollback
	ls -1d .releases/* | head -n -2 | xargs -r rm -rf

test: $(STAMP) /usr/bin/chromium lint  ## Run the whole test suite, browser tests included
	$(BIN)/python -m pytest

SERVE_CONFIG ?= mkdocs.yml
SERVE_ADDR ?= 127.0.0.1:8000
# The preview writes the whole site after every save: into memory (tmpfs) where there is one.
PREVIEW_TMP := $(if $(wildcard /dev/shm/.),/dev/shm,$(or $(TMPDIR),/tmp))

serve: $(STAMP)  ## Live preview on http://127.0.0.1:8000, reloads when content/ changes
	TMPDIR=$(PREVIEW_TMP) $(BIN)/$(ENGINE) serve --config-file $(SERVE_CONFIG) \
	  --dev-addr $(SERVE_ADDR) --livereload

validate: $(STAMP)  ## Check content/ without building
	$(BIN)/python -m generator validate content

schema: $(STAMP)  ## Write the JSON Schema of the content files into schema/
	$(BIN)/python -m generator schema --out schema

bench: $(STAMP) /usr/bin/chromium  ## Ours beside Zensical and plain MkDocs at N = 100, 500, 1,000, 5,000; the targets; bench/RESULTS.md
	$(BIN)/python bench/run.py $(BENCH_ARGS)  # e.g. BENCH_ARGS=--with-10000

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format generator tests bench
	$(BIN)/ruff check --fix generator tests bench

# Update the lock after a change to pyproject.toml (pins stay unless asked: UPGRADE=name).
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="make lock" .venv-lock/bin/pip-compile --quiet --generate-hashes \
	  --all-extras --all-build-deps --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links $(if $(UPGRADE),--upgrade-package $(UPGRADE)) \
	  --output-file requirements.lock pyproject.toml

$(STAMP):
	rm -f $(VENV)/.installed-*
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

/usr/bin/chromium:  # Debian's Chromium for the browser tests (needs root, as in CI)
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core

clean:
	rm -rf $(VENV) .venv-lock bench/work site .site.new .site.link .releases .pages .cache
