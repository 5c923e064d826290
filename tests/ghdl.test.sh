#!/bin/sh
# VHDL designs through GHDL (mcode), with real ninja and real GHDL: the
# verdicts of std.env.stop/finish, of failure and error assertions and
# reports, of a run out of events and of --stop-time; params as generics
# at run time (designs that differ only in them share one analysis, a
# test's -gNAME=VALUE overrides them, {seed} reaches one); sources in any
# order; a compile error is the design's tests' error with GHDL's first
# error line; editing a source recompiles and reruns, and nothing else.
. "$COSIM_TOP/tests/lib.sh"
if ! command -v ghdl >/dev/null 2>&1; then
	skip "ghdl suite" "ghdl is not installed"
	exit 0
fi

d=$(scratch ghdl)
cd "$d" || exit 1
mkdir -p rtl tb
cat >rtl/inv.vhd <<'EOT'
library ieee;
use ieee.std_logic_1164.all;
package inv_pkg is
  constant LATENCY : time := 1 ns;
end package;

library ieee;
use ieee.std_logic_1164.all;
use work.inv_pkg.all;
entity inv is
  generic (W : positive := 4);
  port (a : in std_logic_vector(W - 1 downto 0);
        y : out std_logic_vector(W - 1 downto 0));
end entity;
architecture rtl of inv is
begin
  y <= not a after LATENCY;
end architecture;
EOT
# MODE picks how the run ends
cat >tb/inv_tb.vhd <<'EOT'
library ieee;
use ieee.std_logic_1164.all;
use std.env.all;
entity inv_tb is
  generic (W : positive := 8; MODE : natural := 0; SEED : natural := 0);
end entity;
architecture sim of inv_tb is
  signal a, y : std_logic_vector(W - 1 downto 0);
  signal clk : bit := '0';
begin
  dut : entity work.inv generic map (W => W) port map (a, y);
  process
  begin
    a <= (others => '0');
    wait for 2 ns;
    assert y = (y'range => '1') report "inverter broken" severity failure;
    report "W=" & integer'image(W) & " SEED=" & integer'image(SEED);
    case MODE is
      when 0 => finish;
      when 1 => assert false report "a failure assertion" severity failure;
      when 2 => assert false report "an error assertion" severity error;
                report "went on after the error";
                finish;
      when 3 => report "an error report" severity error; finish;
      when 4 => stop(1);
      when 5 => finish(0);
      when 6 => stop;
      when 7 => wait;           -- no events left
      when 8 => clk <= not clk; -- runs until --stop-time
                loop wait for 5 ns; clk <= not clk; end loop;
      when others => null;
    end case;
    wait;
  end process;
end architecture;
EOT
printf 'entity broken is end;\narchitecture a of broken is\n  signal s : integer := "x";\nbegin\nend;\n' >rtl/broken.vhd

cat >tests.ini <<'EOT'
[cosimgen]
ready = none

[design:inv8]
simulator = ghdl
sources   = tb/inv_tb.vhd rtl/inv.vhd   ; not in analysis order
top       = inv_tb
params    = W=8

[design:inv16]
simulator = ghdl
sources   = tb/inv_tb.vhd rtl/inv.vhd
top       = inv_tb
params    = W=16

[design:inv_arch]
simulator = ghdl
sources   = rtl/inv.vhd tb/inv_tb.vhd
top       = inv_tb(sim)

[design:broken]
simulator = ghdl
sources   = rtl/broken.vhd
top       = broken

[test:finish]
design = inv8

[test:wide]
design = inv16
seed   = 4242
plusargs = -gSEED={seed}

[test:narrow]
design   = inv16
plusargs = -gW=3

[test:bad_generic]
design   = inv8
plusargs = -gNOPE=1

[test:arch]
design = inv_arch

[test:broken]
design = broken
EOT
# one test of inv8 per way its run ends: NAME:MODE
for t in failure:1 error_assert:2 error_report:3 stop1:4 finish0:5 stop:6 \
    no_events:7 stop_time:8; do
	printf '\n[test:%s]\ndesign   = inv8\nplusargs = -gMODE=%s\n' \
	    "${t%%:*}" "${t#*:}" >>tests.ini
done
echo '               --stop-time=100ns' >>tests.ini	# stop_time's, continued
# without the built-in patterns, GHDL's error assertion still fails
printf '\n[test:error_own]\ndesign = inv8\nplusargs = -gMODE=2\n' >>tests.ini
printf 'default_patterns = no\nfail_patterns = NEVER-PRINTED\n' >>tests.ini
check "cosimgen" "$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini

st() { sed -n 's/^status //p' "cosim-out/tests/$1/result"; }
why() { sed -n 's/^reason //p' "cosim-out/tests/$1/result"; }
out() { cat "cosim-out/tests/$1/run/sim.out"; }

ninja -j2 >ninja1.out 2>&1
rc=$?
[ "$rc" -ne 0 ] && ok "ninja exits non-zero: some tests fail" ||
    fail "ninja exits non-zero: some tests fail" "$(tail -n 20 ninja1.out)"

same "std.env.finish passes" pass "$(st finish)"
same "finish(0) passes" pass "$(st finish0)"
same "std.env.stop without a status passes (GHDL exits 0)" pass "$(st stop)"
same "a run out of events passes, as on Verilator" pass "$(st no_events)"
same "a run ended by --stop-time passes" pass "$(st stop_time)"
same "a failure assertion fails" fail "$(st failure)"
case "$(why failure)" in
*"exited with status 1"*"GHDL exits 1 on a failure-severity assertion"*)
	ok "its reason says what GHDL's exit 1 means" ;;
*) fail "its reason says what GHDL's exit 1 means" "$(why failure)" ;;
esac
same "an error assertion fails though GHDL goes on and exits 0" fail \
    "$(st error_assert)"
case "$(why error_assert)" in
*"(assertion error): an error assertion"*)
	ok "its reason is the assertion's line" ;;
*) fail "its reason is the assertion's line" "$(why error_assert)" ;;
esac
grep -q "went on after the error" cosim-out/tests/error_assert/run/sim.out &&
    ok "GHDL went on after the error assertion" ||
    fail "GHDL went on after the error assertion" "$(out error_assert)"
same "a report of severity error fails" fail "$(st error_report)"
same "and so does an error assertion with default_patterns = no" fail \
    "$(st error_own)"
same "std.env.stop(1) fails" fail "$(st stop1)"
same "an unknown generic fails the run" fail "$(st bad_generic)"

grep -q "W=8 SEED=0" cosim-out/tests/finish/run/sim.out &&
    ok "params reach the top as generics" ||
    fail "params reach the top as generics" "$(out finish)"
grep -q "W=16 SEED=4242" cosim-out/tests/wide/run/sim.out &&
    ok "another design's params, and {seed} through plusargs" ||
    fail "another design's params, and {seed} through plusargs" "$(out wide)"
grep -q "W=3 SEED=0" cosim-out/tests/narrow/run/sim.out &&
    ok "a test's -gNAME=VALUE overrides the design's params" ||
    fail "a test's -gNAME=VALUE overrides the design's params" "$(out narrow)"

same "inv8 and inv16 (only params differ) share one analysis" \
    "1" "$(grep -c 'GHDL inv8 inv16' ninja1.out)"
same "three compiles in all" "3" "$(grep -c '\] GHDL ' ninja1.out)"
same "top = ENTITY(ARCH) runs that architecture" pass "$(st arch)"

same "a compile error makes the design's tests errors" error "$(st broken)"
case "$(why broken)" in
"design broken did not compile: rtl/broken.vhd:3:"*) ok "with GHDL's first error line" ;;
*) fail "with GHDL's first error line" "$(why broken)" ;;
esac

# --- nothing changed: only what failed runs again ---
ninja -j2 >ninja2.out 2>&1
same "a second ninja compiles no design that compiled" "0" \
    "$(grep -c '\] GHDL inv' ninja2.out)"
grep -q 'TEST finish$' ninja2.out &&
    fail "a second ninja does not rerun passed tests" "$(cat ninja2.out)" ||
    ok "a second ninja does not rerun passed tests"

# --- waves: GHDL writes them when the run asks (--fst=), from the plain
# build: no variant compiles, the test's own result stays as it was ---
before=$(cat cosim-out/tests/finish/result)
ninja waves/finish >waves.out 2>&1
wf=cosim-out/tests/finish/waves/waves.fst
[ -s "$wf" ] && ok "ninja waves/NAME leaves a waveform of a GHDL test" ||
    fail "ninja waves/NAME leaves a waveform of a GHDL test" "$(cat waves.out)"
info=$(python3 "$COSIM_TOP/tests/waves/fstinfo.py" "$wf" 2>&1)
case $info in
*"signal dut"*) ok "the waveform holds the design's hierarchy" ;;
*) fail "the waveform holds the design's hierarchy" "$info" ;;
esac
end=$(printf '%s\n' "$info" | sed -n 's/^end //p')
[ "${end:-0}" -gt 0 ] && ok "and was closed at the end of the run" ||
    fail "and was closed at the end of the run" "$info"
same "no compile for GHDL's waves" "0" \
    "$(grep -c '\] \(GHDL\|VERILATE\|IVERILOG\) ' waves.out)"
same "the test's own result is untouched" "$before" \
    "$(cat cosim-out/tests/finish/result)"
same "and its stamp" "yes" \
    "$([ -e cosim-out/tests/finish/stamp ] && echo yes || echo no)"
grep -q -- "--fst=" cosim-out/tests/finish/waves/repro.sh &&
    ok "the waves run's repro.sh asks GHDL for the waveform" ||
    fail "the waves run's repro.sh asks GHDL for the waveform" \
    "$(cat cosim-out/tests/finish/waves/repro.sh)"
ninja waves/finish >waves2.out 2>&1
grep -q "no work to do" waves2.out && ok "a second waves/NAME does nothing" ||
    fail "a second waves/NAME does nothing" "$(cat waves2.out)"

# --- an edit of a source recompiles and reruns its tests ---
sed 's/LATENCY : time := 1 ns/LATENCY : time := 3 ns/' rtl/inv.vhd >rtl/inv.tmp &&
    mv rtl/inv.tmp rtl/inv.vhd
ninja -j2 >ninja3.out 2>&1
same "editing a source recompiles the design" "1" \
    "$(grep -c 'GHDL inv8 inv16' ninja3.out)"
same "and reruns its tests: the 3 ns latency breaks the check" fail "$(st finish)"
grep -q "inverter broken" cosim-out/tests/finish/run/sim.out &&
    ok "the run saw the edited source" ||
    fail "the run saw the edited source" "$(out finish)"
same "so does the other design that reads it" "1" \
    "$(grep -c 'GHDL inv_arch' ninja3.out)"
ninja -j2 >ninja4.out 2>&1
same "then nothing recompiles again" "0" "$(grep -c '\] GHDL inv' ninja4.out)"

