"""C++ chapter snippets: the programs are .cpp files; figures/ draws from their recorded output."""
