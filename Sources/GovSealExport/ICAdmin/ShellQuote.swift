/// Quoting for POSIX shells (sh, bash, dash, zsh).
public enum ShellQuote {
    /// `text` as one single-quoted shell word: inside single quotes nothing is special, and a
    /// `'` is written `'\''` (close the quote, an escaped quote, reopen). Safe for any text,
    /// including newlines, `$`, backquotes and `\`.
    public static func quote(_ text: String) -> String {
        var out = "'"
        for character in text.unicodeScalars {
            if character == "'" { out += #"'\''"# } else { out.unicodeScalars.append(character) }
        }
        return out + "'"
    }

    /// A command line: `program` as given (the caller's constant), then every argument quoted.
    public static func commandLine(_ program: String, _ arguments: [String]) -> String {
        ([program] + arguments.map(quote)).joined(separator: " ")
    }
}
