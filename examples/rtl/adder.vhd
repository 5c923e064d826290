-- A combinational adder whose width is a generic: the VHDL twin of
-- adder.sv, run by GHDL (simulator = ghdl in examples/tests.ini).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity adder is
  generic (WIDTH : positive := 8);
  port (a, b : in  unsigned(WIDTH - 1 downto 0);
        sum  : out unsigned(WIDTH downto 0));
end entity;

architecture rtl of adder is
begin
  sum <= resize(a, WIDTH + 1) + resize(b, WIDTH + 1);
end architecture;
