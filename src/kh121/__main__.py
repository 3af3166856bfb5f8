from kh121.cli import main

main()
