# Stadshart — the two commands are `make run` and `make test`. Both install what is missing first.
BUILD_DIR ?= build
DATA_DIR ?= var
PORT ?= 8080
JOBS ?= $(shell nproc)

.PHONY: run test build deps unit http browser bench sanitize format lint clean test-pg pg fuzz-hours

run: build
	@if [ ! -f $(DATA_DIR)/stadshart.db ]; then ./$(BUILD_DIR)/stadshart seed --demo --data-dir $(DATA_DIR); \
	  elif [ -f $(DATA_DIR)/demo-login.txt ]; then cat $(DATA_DIR)/demo-login.txt; fi
	./$(BUILD_DIR)/stadshart serve --data-dir $(DATA_DIR) --port $(PORT)

# Every test twice: on SQLite, then on a throwaway PostgreSQL 15 server (scripts/with-postgres.sh installs nothing
# itself: deps does); the last two lines say how many tests ran on each backend.
# Then the opening-hours parser under libFuzzer for FUZZ_SECONDS (20 s by default).
test: build
	@STADSHART_TEST=1 ./scripts/install-deps.sh
	@rm -f $(BUILD_DIR)/test-summary-*.txt
	@./scripts/test-suite.sh sqlite $(BUILD_DIR); s=$$?; \
	  ./scripts/with-postgres.sh ./scripts/test-suite.sh postgresql $(BUILD_DIR); p=$$?; \
	  ./scripts/fuzz-hours.sh; f=$$?; \
	  echo; echo "Samenvatting:"; cat $(BUILD_DIR)/test-summary-*.txt 2>/dev/null; \
	  if [ $$f -eq 0 ]; then echo "fuzz: de parser van openingstijden $${FUZZ_SECONDS:-20} s onder libFuzzer, niets gevonden"; \
	  else echo "fuzz: libFuzzer vond iets (zie build-fuzz/)"; fi; \
	  [ $$s -eq 0 ] && [ $$p -eq 0 ] && [ $$f -eq 0 ]

deps:
	@./scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# GoogleTest unit tests of every module (ctest prints the summary).
unit:
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The storage tests against a throwaway PostgreSQL 15 server (scripts/with-postgres.sh; docs/postgres.md). The test
# binary runs directly, not under a parallel ctest: one of its tests restarts the server. (`make test` runs them
# in its PostgreSQL pass.)
test-pg: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target test_storage
	@$(MAKE) --no-print-directory pg

pg:
	@./scripts/with-postgres.sh ./$(BUILD_DIR)/test_storage --gtest_brief=1

# HTTP tests and browser tests (Playwright driving Debian's Chromium, axe for WCAG): each test file starts its
# own server on a free loopback port with a fresh demo database and stops it afterwards.
http:
	@STADSHART_BIN=$(CURDIR)/$(BUILD_DIR)/stadshart node --test --test-concurrency=1 tests/http/*.test.mjs tests/hours/*.test.mjs

# libFuzzer on the opening-hours parser for FUZZ_SECONDS (default 20); needs clang (STADSHART_FUZZ=1 make deps).
fuzz-hours:
	@./scripts/fuzz-hours.sh

browser:
	@STADSHART_BIN=$(CURDIR)/$(BUILD_DIR)/stadshart node --test --test-concurrency=1 tests/browser/*.test.mjs

# wrk on loopback against Stadshart and nginx serving the same bodies; see docs/performance.md.
bench: build
	@STADSHART_BENCH=1 ./scripts/install-deps.sh
	@./scripts/bench.sh $(BUILD_DIR)/stadshart

# The unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTADSHART_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ctest --output-on-failure -j $(JOBS)

format:
	@clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'tools/*.cc')

lint: build
	@clang-tidy -p $(BUILD_DIR) --quiet $$(git ls-files 'src/*.cc')

clean:
	rm -rf $(BUILD_DIR) build-asan
