-- a VHDL design for the golden tests: never analysed there
entity inv is
  generic (W : positive := 4);
end entity;
architecture rtl of inv is
begin
end architecture;
