from bench.reminders import main

main()
