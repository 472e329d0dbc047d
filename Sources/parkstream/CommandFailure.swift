/// A command that ran and failed: printed as `Error: <message>`, exit status 1, no usage text
/// (usage is for mistakes in the command line, which are `ValidationError`s).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        self.description = message
    }
}
