-- a VHDL testbench for the golden tests: never analysed there
entity inv_tb is
end entity;
architecture sim of inv_tb is
begin
end architecture;
