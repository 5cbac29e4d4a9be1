# Pingcheng eco-restoration QGIS plugin. `make demo` and `make test` do all set-up on a fresh Debian 12 machine.
SHELL := /bin/bash
PLUGIN := pingcheng_plugin
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build
ZIP := dist/$(PLUGIN)-$(VERSION).zip
# GeoDiff is in neither Debian's nor QGIS's Python: the ZIP carries the pinned wheel's files (ext_libs)
PYGEODIFF := $(shell sed -n 's/^pygeodiff==//p' requirements.txt)
OUT := out
QGIS_PROCESS := scripts/qgis-process.sh
export QT_QPA_PLATFORM := offscreen

.PHONY: setup system venv test test-shapely18 check-full-disk test-qgis340 test-qgis344 lint package i18n demo bench clean templates \
	screenshots

setup: system venv  ## install system packages (apt) and the development venv; idempotent

system:
	@scripts/setup-system.sh

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

test: setup  ## the whole test suite in a real QGIS (pytest-qgis)
	scripts/run-tests.sh $(PY)

# Debian's own shapely 1.8.5 is what QGIS and qgis_process run on Debian 12; the dev venv has shapely 2. A second
# venv without shapely of its own runs the tests of every geometry path again on 1.8 (issue 14).
VENV18 := .venv-shapely18
SHAPELY18_TESTS := tests/test_validation.py tests/test_validation_paths.py tests/test_site_rules.py \
	tests/test_digitize.py tests/test_import_sites.py tests/test_import_processing.py tests/test_import_streaming.py \
	tests/test_import_grouping.py tests/test_controls.py tests/test_control_overlay.py tests/test_geos_c.py \
	tests/test_control_ui.py tests/test_control_outputs.py tests/test_control_settings.py tests/test_review_controls.py \
	tests/test_plan_dock.py

$(VENV18)/.installed: requirements.txt
	test -x $(VENV18)/bin/python || /usr/bin/python3 -m venv --system-site-packages $(VENV18)
	grep -E '^(pygeodiff|pytest[-a-z]*|execnet)==' requirements.txt > $(VENV18)/requirements.txt
	$(VENV18)/bin/python -m pip install -q -r $(VENV18)/requirements.txt
	touch $@

test-shapely18: system $(VENV18)/.installed  ## the geometry tests again on Debian's shapely 1.8.5 (what QGIS runs)
	$(VENV18)/bin/python -c "import shapely, sys; v = shapely.__version__; sys.exit(None if v.startswith('1.8') \
		else 'shapely ' + v + ' is not 1.8')"
	scripts/run-tests.sh $(VENV18)/bin/python $(SHAPELY18_TESTS)

check-full-disk: package  ## exports into a real, full 1-2 MB tmpfs through qgis_process (root: mounts a tmpfs)
	scripts/check-full-disk.sh

test-qgis340:  ## the whole test suite again in QGIS 3.40 LTR (Debian 13 root; docs/qgis-versions.md)
	scripts/qgis-root.sh 3.40 test

test-qgis344:  ## the whole test suite again in QGIS 3.44 LTR (Debian 13 + trixie-backports root; docs/qgis-versions.md)
	scripts/qgis-root.sh 3.44 test

templates: venv  ## redraw the bundled figure frames templates/*.qpt (scripts/template_generator)
	$(PY) -m scripts.template_generator templates

lint: venv
	$(VENV)/bin/ruff check .

i18n: system  ## refresh i18n/*.ts from the sources, then compile the .qm files
	pylupdate5 -noobsolete $$(find $(PLUGIN) -name '*.py' -o -name '*.ui' | sort) -ts i18n/pingcheng_zh_CN.ts
	lrelease -silent i18n/pingcheng_zh_CN.ts -qm i18n/pingcheng_zh_CN.qm
	lrelease -silent i18n/pingcheng_en.ts -qm i18n/pingcheng_en.qm  # English plural forms only

package: system venv  ## build the ZIP that Plugins > Install from ZIP accepts
	rm -rf $(BUILD)/$(PLUGIN) && mkdir -p $(BUILD)/$(PLUGIN) dist
	cp -r $(PLUGIN)/. $(BUILD)/$(PLUGIN)/
	cp -r resources templates $(BUILD)/$(PLUGIN)/
	mkdir -p $(BUILD)/$(PLUGIN)/i18n && cp i18n/*.qm $(BUILD)/$(PLUGIN)/i18n/
	cp metadata.txt LICENSE README.md $(BUILD)/$(PLUGIN)/
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-compile --target $(BUILD)/$(PLUGIN)/ext_libs \
		pygeodiff==$(PYGEODIFF)
	rm -rf $(BUILD)/wheels && $(PY) -m pip download -q --disable-pip-version-check --no-deps --only-binary :all: \
		--platform win_amd64 --python-version 3.12 -d $(BUILD)/wheels pygeodiff==$(PYGEODIFF)
	$(PY) scripts/add_windows_geodiff.py $(BUILD)/wheels/pygeodiff-$(PYGEODIFF)-*win_amd64.whl \
		$(BUILD)/$(PLUGIN)/ext_libs/pygeodiff
	find $(BUILD)/$(PLUGIN) -name '__pycache__' -prune -exec rm -rf {} +
	rm -f $(ZIP) && cd $(BUILD) && zip -q -r -X $(CURDIR)/$(ZIP) $(PLUGIN)
	@echo "built $(ZIP)"

DEMO_PLAN := $(CURDIR)/$(OUT)/pingcheng_demo.gpkg

demo: setup package  ## build the demo plan, its figures and summary table into out/, headless with qgis_process
	mkdir -p $(OUT)/figures
	$(QGIS_PROCESS) run pingcheng:createplan -- OUTPUT=$(DEMO_PLAN) DEMO=true OVERWRITE=true
	$(QGIS_PROCESS) run pingcheng:exportfigures -- PLAN=$(DEMO_PLAN) OUTPUT_FOLDER=$(CURDIR)/$(OUT)/figures \
		FORMATS=pdf FORMATS=png FORMATS=tif FORMATS=svg PAPER=A3 ORIENTATION=landscape DPI=300
	for ext in xlsx csv html; do \
		$(QGIS_PROCESS) run pingcheng:exportsummary -- PLAN=$(DEMO_PLAN) \
			OUTPUT=$(CURDIR)/$(OUT)/重点工程项目汇总表.$$ext || exit 1; \
	done
	@echo "demo: $(OUT)/pingcheng_demo.gpkg, $(OUT)/figures/, $(OUT)/重点工程项目汇总表.xlsx|csv|html"

SHOTS := dock indicators form_blocked findings import_sites import_plan_layer import_control_layer export_sites \
	export_figures export_summary new_plan validation_settings prepare_review merge_review review_report
screenshots: setup package  ## every panel and dialog in a real QGIS at 1366x768, Chinese and English, into docs/screenshots
	test -f $(DEMO_PLAN) || $(MAKE) demo
	mkdir -p $(OUT)/shots && /usr/bin/python3 scripts/desktop/sample_gbk.py $(CURDIR)/$(OUT)/shots/来稿.shp
	for lang in zh-Hans en_US; do for shot in $(SHOTS); do \
		cp $(DEMO_PLAN) $(OUT)/shots/pingcheng_demo.gpkg; \
		QGIS_LOCALE=$$lang SCREEN=1366x768 DESKTOP_SAMPLE=$(CURDIR)/$(OUT)/shots/来稿.shp bash scripts/desktop-run.sh \
			$(ZIP) "geopackage:$(CURDIR)/$(OUT)/shots/pingcheng_demo.gpkg?projectName=pingcheng_plan" scripts/desktop/screenshot.py \
			docs/screenshots/$$shot-$${lang%%[-_]*}.png $$shot || exit 1; \
	done; done

bench: setup package  ## benchmarks at 10,000 and 100,000 generated sites (~15 min): table, out/bench/results.json, README
	/usr/bin/python3 benchmarks/run_bench.py

clean:
	rm -rf $(BUILD) dist $(OUT) .pytest_cache
