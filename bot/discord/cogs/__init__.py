"""The bot's cogs, each an extension so an owner can ``reload`` it without restarting the bot."""
