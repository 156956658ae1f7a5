from brochure.cli.commands.commands import main

main()
