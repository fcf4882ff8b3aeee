"""``python -m bot`` is the same as the ``quotebot`` command."""

from bot.cli import main

if __name__ == "__main__":
    main()
