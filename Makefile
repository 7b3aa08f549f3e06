# dangjian: build, test, demo.  See README.md.
#   make            build build/dangjian
#   make check      every test suite (unit, pgTAP, C database, UI scripts, sanitizers)
#   make demo       build and open the UI on a local demo database
#   make SAN=1      the same build with AddressSanitizer + UBSan, in build-san/

CC      ?= cc
PKGS    := ncursesw libpq libconfig
VERSION := 0.1.0

ifeq ($(SAN),1)
BUILD   ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT     := -O1
else
BUILD   ?= build
SANFLAGS :=
OPT     := -O2
endif

# ncursesw adds -D_XOPEN_SOURCE=600 and -D_DEFAULT_SOURCE; we define our own below.
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

CPPFLAGS += -Isrc -I$(BUILD)/gen -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DDJ_VERSION='"$(VERSION)"'
CFLAGS   += -std=c11 -g $(OPT) -Wall -Wextra -Werror -MMD -MP $(SANFLAGS) $(PKG_CFLAGS)
LDFLAGS  += $(SANFLAGS)
LDLIBS   += $(PKG_LIBS) -lm

# Layers: model (libc only) < db (libpq) < tui / batch.  Everything but main.c goes into
# one static library that the program and the tests link.
LIB_SRC  := $(sort $(wildcard src/*.c src/model/*.c src/db/*.c src/tui/*.c src/batch/*.c))
LIB_SRC  := $(filter-out src/main.c,$(LIB_SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o
LIB      := $(BUILD)/libdangjian.a
BIN      := $(BUILD)/dangjian

MIGRATIONS := $(sort $(wildcard sql/[0-9][0-9][0-9]_*.sql))

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:%.c=$(BUILD)/%)
DBT_SRC  := $(sort $(wildcard tests/db/test_*.c))
DBT_BIN  := $(DBT_SRC:%.c=$(BUILD)/%)
TEST_HELPER_SRC := $(sort $(wildcard tests/common/*.c))
TEST_HELPER_OBJ := $(TEST_HELPER_SRC:%.c=$(BUILD)/%.o)

.PHONY: all tests check check-unit demo demo-stop bench format clean
all: $(BIN)

$(BIN): $(BUILD)/src/main.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The migrations are compiled into the program, so `dangjian db migrate` needs no files.
# The stamp holds the list of files and is rewritten only when the list changes, so
# removing or renaming a migration regenerates the table as adding or editing one does.
MIGRATIONS_STAMP := $(BUILD)/gen/migrations.list
$(shell mkdir -p $(BUILD)/gen && (echo '$(MIGRATIONS)' | cmp -s - $(MIGRATIONS_STAMP) || echo '$(MIGRATIONS)' >$(MIGRATIONS_STAMP)))
$(BUILD)/gen/migrations.c: $(MIGRATIONS) $(MIGRATIONS_STAMP) scripts/embed_sql.sh
	@mkdir -p $(dir $@)
	scripts/embed_sql.sh $(MIGRATIONS) >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/migrations.o: $(BUILD)/gen/migrations.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%: tests/unit/%.c $(LIB) $(TEST_HELPER_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) $(LDFLAGS) -o $@ $< $(TEST_HELPER_OBJ) $(LIB) $(CMOCKA_LIBS) $(LDLIBS)

$(BUILD)/tests/db/%: tests/db/%.c $(LIB) $(TEST_HELPER_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) $(LDFLAGS) -o $@ $< $(TEST_HELPER_OBJ) $(LIB) $(CMOCKA_LIBS) $(LDLIBS)

tests: $(BIN) $(UNIT_BIN) $(DBT_BIN)

# Unit tests alone, no database needed.
check-unit: $(UNIT_BIN)
	@scripts/run_unit.sh $(UNIT_BIN)

check:
	@scripts/check.sh

demo:
	@scripts/demo.sh

demo-stop:
	@scripts/demo.sh --stop

bench:
	@scripts/bench.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build build-san

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
