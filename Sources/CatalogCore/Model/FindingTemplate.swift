// A finding's sentences as a template: a finding keeps its code and arguments and renders the sentences when
// they are read (report.json, findings.jsonl, the site, the CLI), not when it is made (issue 14 item 7).
//
// Every finding made per record, distribution or duplicate group (the harvest's bad lines and vanished records,
// repairs of a record's text, mapping, merging, the audits, the published view, values an export leaves out) is
// made from a template. Each stage declares its templates beside the code that makes the findings (`extension
// FindingTemplate`); each renders one English and one German sentence from the same arguments, so both name the
// same record and value. Still written as text where they are made: findings about a whole source, document or
// configuration entry (a failed harvest, a stale snapshot, SHACL results, a repaired dump file, an unknown
// [[dedup.same]] key), a handful per run.

/// A finding's code and its sentence in English and German, from its arguments (`Finding.init(_:source:record:field:_:_:)`).
/// Templates are made once, as static members; a finding holds a reference to one (8 bytes).
package final class FindingTemplate: Sendable {
    /// The code of every finding made from this template (`Finding.code`), so a call site cannot pair a sentence
    /// with another code. Nil for the few templates whose code each finding names (`licence.<status>`, a rejected
    /// record's decoding error): those findings are made with `Finding.init(_:code:source:record:field:_:_:)`.
    package let code: String?
    private let englishSentence: @Sendable ([String]) -> String
    private let germanSentence: @Sendable ([String]) -> String

    /// `english` and `de` read the finding's arguments by position (each template's comment lists them).
    package init(_ code: String?, _ english: @escaping @Sendable ([String]) -> String, de german: @escaping @Sendable ([String]) -> String) {
        self.code = code
        englishSentence = english
        germanSentence = german
    }

    /// A sentence without arguments, the same for every finding made from it.
    package convenience init(_ code: String?, _ english: String, de german: String) {
        self.init(code, { _ in english }, de: { _ in german })
    }

    package func english(_ a: [String]) -> String { englishSentence(a) }

    package func german(_ a: [String]) -> String { germanSentence(a) }
}
