// The named stages of the pipeline and the values between them (swift-openapi-generator style):
//
//   RawRecord ──(CKANMapper)──► Dataset + [Finding] ──(Deduplicator)──► merged [Dataset]
//             ──(LicenceResolving, inside mapping)──► canonical licences
//             ──(Exporters)──► bytes
//
// Each stage is a pure value type; `Pipeline` wires them. Effects live in CatalogIO.

/// Resolves a raw licence value (id, title, URL, or nil) to a classified `Licence`.
/// Implemented by `LicenceRegistry` (Licences/); the mapper calls it for datasets and distributions.
package protocol LicenceResolving: Sendable {
    func resolve(_ raw: String?) -> Licence
}

/// The result of mapping one raw record.
package struct MappingResult: Sendable {
    /// Nil when the record was rejected (then `findings` holds at least one `.error`).
    package var dataset: Dataset?
    package var findings: [Finding]

    package init(dataset: Dataset?, findings: [Finding]) {
        self.dataset = dataset
        self.findings = findings
    }
}

/// One exported file: a name relative to the output folder and its bytes.
package struct ExportFile: Sendable, Hashable {
    package var name: String
    package var bytes: [UInt8]

    package init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    package init(name: String, text: String) {
        self.name = name
        self.bytes = Array(text.utf8)
    }
}
