print("adder test")
