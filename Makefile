# Servicefinder: the two commands are `make site` and `make test`.
# Everything they need is installed by these rules: a Python virtual environment with the
# pinned packages, axe-core and vnu-jar from npm (for the accessibility tests), Debian's
# Chromium, a Java runtime for the HTML checker, and Debian's nginx, Apache and Caddy, which
# the hosting tests start as their own processes on free loopback ports.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# the web servers the hosting tests start (installed below)
SERVERS := /usr/sbin/nginx /usr/lib/nginx/modules/ngx_http_brotli_static_module.so /usr/sbin/apache2 /usr/bin/caddy
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
# compiled modules are kept (__pycache__, ignored by git): else every test worker rewrites
# the test modules' asserts and every command run compiles the generator again
unexport PYTHONDONTWRITEBYTECODE

.PHONY: site check test serve validate lint format schema clean

## Set up and build the example site into site/
site: $(VENV)/.installed
	$(BIN)/servicefinder build --strict

## While working: lint, types, and the tests that need no browser and build no whole site
## (under 20 seconds); `make test` runs these and everything else
check: $(VENV)/.installed-test node_modules/.installed
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy generator
	$(BIN)/python -m pytest -n auto -m "not browser and not tool and not slow" --ignore=tests/browser

## Set up everything the tests need and run the whole suite (browser tests included),
## spread over all cores (one worker a core: the suite keeps both cores over 90 % busy)
test: $(VENV)/.installed-test node_modules/.installed /usr/bin/chromium /usr/bin/java $(SERVERS)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy generator
	$(BIN)/python -m pytest -n auto

## Live preview at http://127.0.0.1:8000 with reload on every change
serve: $(VENV)/.installed
	$(BIN)/servicefinder serve

## The content check a site's pull request runs (strict: what it passes, the build accepts)
validate: $(VENV)/.installed
	$(BIN)/servicefinder validate --strict

lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests bench

format: $(VENV)/.installed-test
	$(BIN)/ruff format generator tests bench
	$(BIN)/ruff check --fix generator tests bench

## Regenerate the editors' JSON Schemas in schema/ from the content model
schema: $(VENV)/.installed
	$(BIN)/servicefinder schema

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null

# The W3C Nu HTML checker (vnu.jar, from npm) runs on Java.
/usr/bin/java:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null

# The web servers tests/browser/test_servers.py runs the shipped configurations on. Their
# system services are not used; on a machine with systemd each package starts one on port 80.
$(SERVERS):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx libnginx-mod-http-brotli-static apache2 caddy >/dev/null

clean:
	rm -rf $(VENV) node_modules site .pytest_cache test-artifacts .hypothesis
