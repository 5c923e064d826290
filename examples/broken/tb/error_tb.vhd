-- A self-checking VHDL testbench that finds a mismatch and says so with an
-- error assertion. GHDL goes on after it and exits 0: only the log scan
-- (its "(assertion error)" pattern) fails this test.
library ieee;
use ieee.numeric_std.all;

entity error_tb is
end entity;

architecture sim of error_tb is
  signal sum : unsigned(8 downto 0);
begin
  dut : entity work.adder generic map (WIDTH => 8)
    port map (a => to_unsigned(200, 8), b => to_unsigned(100, 8), sum => sum);

  process
  begin
    wait for 1 ns;
    assert sum = 299
      report "200 + 100 gave " & integer'image(to_integer(sum)) &
        ", expected 299"
      severity error;
    std.env.finish;
  end process;
end architecture;
