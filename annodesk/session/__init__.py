"""What a signed-in session keeps between runs: the token (OS keyring) and an offline cache. No Qt."""
