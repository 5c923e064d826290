-- Self-checking VHDL testbench: adds pseudo-random operands and compares
-- with the expected sum. The simulation run is the test. Generics: WIDTH
-- (the design's params), N vectors and SEED (the test's plusargs, as
-- -gN=... and -gSEED={seed}). A mismatch is an error assertion (GHDL
-- goes on; cosim-run's log scan fails the test); std.env.finish ends it.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use ieee.math_real.uniform;
use std.env.finish;

entity adder_tb is
  generic (WIDTH : positive := 8; N : natural := 200; SEED : positive := 1);
end entity;

architecture sim of adder_tb is
  signal a, b : unsigned(WIDTH - 1 downto 0);
  signal sum  : unsigned(WIDTH downto 0);
begin
  dut : entity work.adder generic map (WIDTH => WIDTH)
    port map (a => a, b => b, sum => sum);

  stimulus : process
    variable s1 : positive := SEED;
    variable s2 : positive := 7;
    variable errors : natural := 0;

    -- bit by bit: any WIDTH, where an integer holds 31 bits
    impure function random return unsigned is
      variable r : real;
      variable v : unsigned(WIDTH - 1 downto 0);
    begin
      for i in v'range loop
        uniform(s1, s2, r);
        if r < 0.5 then v(i) := '0'; else v(i) := '1'; end if;
      end loop;
      return v;
    end function;
  begin
    for i in 1 to N loop
      a <= random;
      b <= random;
      wait for 1 ns;
      if sum /= resize(a, WIDTH + 1) + resize(b, WIDTH + 1) then
        report to_string(a) & " + " & to_string(b) & " gave " &
          to_string(sum) severity error;
        errors := errors + 1;
      end if;
    end loop;
    report "adder_tb: " & integer'image(WIDTH) & "-bit, " &
      integer'image(N) & " vectors, " & integer'image(errors) & " errors";
    finish;
  end process;
end architecture;
