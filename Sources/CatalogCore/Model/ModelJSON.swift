// catalog.model.json without JSONEncoder: the same bytes as `JSONEncoder` with `[.sortedKeys,
// .withoutEscapingSlashes]` and the synthesised `Codable` conformances of the model (the server reads the file
// back with `Catalog(modelJSON:)`, ModelJSONReader.swift), written straight into one byte buffer. At 100 k datasets JSONEncoder built a boxed tree of
// the whole catalogue first (gigabytes) and spent more time than the RDF graph. `ModelJSONTests` compares the two
// byte for byte on the demo catalogue and on edge values; a property added to the model without being added
// here fails that test.

/// A minimal JSON byte writer. Callers write object members in sorted key order themselves.
package struct JSONByteWriter {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    private var needsComma = false

    package mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    package mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    package mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    package mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// `"name":` (the value follows).
    package mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    package mutating func string(_ s: String) { separate(); appendString(s); needsComma = true }
    package mutating func bool(_ b: Bool) { separate(); bytes += b ? Array("true".utf8) : Array("false".utf8); needsComma = true }
    package mutating func int(_ i: Int) { separate(); bytes += Array(String(i).utf8); needsComma = true }

    /// As JSONEncoder writes a Double: integral values without `.0`, otherwise Swift's shortest description.
    package mutating func double(_ d: Double) {
        separate()
        var text = d.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes += Array(text.utf8)
        needsComma = true
    }

    package mutating func strings(_ list: [String]) {
        beginArray()
        for s in list { string(s) }
        endArray()
    }

    // Optional members are left out when nil (as the synthesised `encodeIfPresent` does).
    package mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    package mutating func member(_ name: String, _ list: [String]) {
        key(name)
        strings(list)
    }

    /// Goes on after a value another writer wrote (an earlier piece of the same file): `raw` as given (e.g. the
    /// `]` closing a list those pieces filled), then the next value or key is separated from it by a comma.
    package mutating func continueAfterValue(_ raw: String = "") {
        bytes += Array(raw.utf8)
        needsComma = true
    }

    /// Bytes as given (for hand-formatted layouts such as the pretty-printed findings of report.json).
    package mutating func raw(_ text: String) { bytes += Array(text.utf8) }

    /// A JSON string literal, with no separator logic.
    package mutating func rawString(_ s: String) { appendString(s) }

    private mutating func appendString(_ s: String) { JSONStringBytes.append(s, to: &bytes, style: .encoder) }
}

extension Catalog {
    /// The file a run writes `modelJSON()` to, beside the exports: what `opendata serve`, the link check and the
    /// SHACL check of a published snapshot read.
    package static let modelFileName = "catalog.model.json"

    /// The merged catalogue as key-sorted JSON plus a newline: the server's source of truth (`opendata serve`
    /// loads it with `Catalog(modelJSON:)`). Byte-identical to `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`).
    package func modelJSON() -> [UInt8] {
        var whole: [UInt8] = []
        whole.reserveCapacity(datasets.count * 4096 + 1024)
        _ = modelJSON(chunk: 1024) { whole += $0 }
        return whole
    }

    /// Chunks of `modelJSON(chunk:write:)` rendered in parallel before they are written, in order (four of 1,024
    /// datasets in a run: a few MB at a time, both cores busy).
    static let modelChunksPerBatch = 4

    /// The bytes of `modelJSON()` handed to `write` in pieces (the opening, then `chunk` datasets at a time, then
    /// the catalogue's own members), so a run never holds the file whole (716 MB for 90,000 datasets).
    /// Returns the file's size, each dataset's byte range in it (what `ModelJSONSplit` would find) and each
    /// dataset's fingerprint, the `DedupNormalize.stableHash` of those bytes (what the change feeds compare from
    /// run to run: a dataset is serialised once for both).
    package func modelJSON(chunk: Int, write: ([UInt8]) -> Void) -> (size: Int, ranges: [Range<Int>], fingerprints: [String]) {
        var opening = JSONByteWriter()
        opening.beginObject()
        opening.key("datasets")
        opening.beginArray()
        write(opening.bytes)
        var size = opening.bytes.count
        var ranges: [Range<Int>] = [], fingerprints: [String] = []
        ranges.reserveCapacity(datasets.count)
        fingerprints.reserveCapacity(datasets.count)
        let chunk = max(1, chunk)
        let datasets = datasets
        // Chunks are written in parallel, a few at a time, and handed to `write` in order.
        ParallelMap.inBatches(Array(stride(from: 0, to: datasets.count, by: chunk)), batch: Self.modelChunksPerBatch, minimum: 2, chunk: 1, {
            start -> (bytes: [UInt8], ranges: [Range<Int>], fingerprints: [String]) in
            var w = JSONByteWriter(capacity: min(chunk, datasets.count - start) * 4096)
            // A later chunk continues the list the earlier ones wrote: its first dataset gets a comma too.
            if start > 0 { w.continueAfterValue() }
            var own: [Range<Int>] = [], prints: [String] = []
            own.reserveCapacity(min(chunk, datasets.count - start))
            prints.reserveCapacity(min(chunk, datasets.count - start))
            for i in start..<min(datasets.count, start + chunk) {
                let begin = w.bytes.count + (i > 0 ? 1 : 0)
                datasets[i].writeJSON(&w)
                own.append(begin..<w.bytes.count)
                prints.append(DedupNormalize.stableHash(bytes: w.bytes[begin...]))
            }
            return (w.bytes, own, prints)
        }, each: { piece in
            ranges += piece.ranges.map { (size + $0.lowerBound)..<(size + $0.upperBound) }
            fingerprints += piece.fingerprints
            size += piece.bytes.count
            write(piece.bytes)
        })
        var tail = JSONByteWriter()
        tail.continueAfterValue("]")
        tail.member("description", description)
        tail.member("homepage", homepage)
        tail.member("languages", languages)
        if let modified { tail.key("modified"); modified.writeJSON(&tail) }
        tail.member("profile", profile?.rawValue)
        tail.key("publisher"); publisher.writeJSON(&tail)
        tail.member("title", title)
        tail.member("uri", uri)
        tail.endObject()
        let last = tail.bytes + [0x0A]
        write(last)
        return (size + last.count, ranges, fingerprints)
    }
}

extension [Dataset] {
    /// A list of datasets as key-sorted JSON, each written as in catalog.model.json: what a failed source falls
    /// back to next run (`SourceFallback`), read back with `[Dataset](modelJSON:)`.
    package func modelJSON() -> [UInt8] {
        var w = JSONByteWriter(capacity: count * 4096)
        w.beginArray()
        for d in self { d.writeJSON(&w) }
        w.endArray()
        return w.bytes
    }
}

extension Dataset {
    func writeJSON(_ w: inout JSONByteWriter) { fields.writeJSON(&w) }
}

extension Dataset.Fields {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        w.member("accessRights", accessRights)
        w.member("accrualPeriodicity", accrualPeriodicity)
        w.member("conformsTo", conformsTo)
        if let contactPoint { w.key("contactPoint"); contactPoint.writeJSON(&w) }
        w.member("contributorIDs", contributorIDs)
        if let creator { w.key("creator"); creator.writeJSON(&w) }
        w.member("derivedFrom", derivedFrom)
        w.member("description", description)
        w.key("distributions")
        w.beginArray()
        for x in distributions { x.writeJSON(&w) }
        w.endArray()
        if let documentation { w.member("documentation", documentation) }
        w.member("geocodingText", geocodingText)
        w.member("hvdCategories", hvdCategories)
        w.member("identifier", identifier)
        w.member("inSeries", inSeries)
        w.key("isSeries"); w.bool(isSeries)
        if let issued { w.key("issued"); issued.writeJSON(&w) }
        w.member("keywords", keywords)
        w.member("landingPage", landingPage)
        w.member("languages", languages)
        w.member("legalBasis", legalBasis)
        if let licence { w.key("licence"); licence.writeJSON(&w) }
        if let maintainer { w.key("maintainer"); maintainer.writeJSON(&w) }
        if let modified { w.key("modified"); modified.writeJSON(&w) }
        if let originator { w.key("originator"); originator.writeJSON(&w) }
        w.member("otherIdentifiers", otherIdentifiers)
        w.member("politicalGeocoding", politicalGeocoding)
        w.member("politicalGeocodingLevel", politicalGeocodingLevel)
        w.key("provenance")
        w.beginArray()
        for p in provenance { p.writeJSON(&w) }
        w.endArray()
        w.member("provenanceStatement", provenanceStatement)
        if let published { w.key("published"); published.writeJSON(&w) }
        if let publisher { w.key("publisher"); publisher.writeJSON(&w) }
        if let relations { w.member("relations", relations) }
        if let spatial { w.key("spatial"); spatial.writeJSON(&w) }
        if let temporal { w.key("temporal"); temporal.writeJSON(&w) }
        w.member("textLanguage", textLanguage)
        w.member("themes", themes)
        w.member("title", title)
        w.member("uri", uri)
        w.member("version", version)
        w.member("versionNotes", versionNotes)
        w.endObject()
    }
}

extension PublishedFacts {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        if let area = self.area { w.key("area"); area.writeJSON(&w) }
        if let bbox = self.bbox { w.key("bbox"); bbox.writeJSON(&w) }
        w.member("ckanID", self.ckanID)
        w.member("ckanName", self.ckanName)
        w.key("distributions")
        w.beginArray()
        for x in self.distributions { x.writeJSON(&w) }
        w.endArray()
        w.member("geometry", self.geometry?.geoJSON)
        w.member("geometrySource", self.geometrySource?.rawValue)
        if let hvd = self.hvd {
            w.key("hvd")
            w.beginObject()
            w.member("categories", hvd.categories)
            w.member("reasons", hvd.reasons)
            w.endObject()
        }
        w.member("iri", self.iri)
        w.member("languages", self.languages)
        w.key("licence"); self.licence.writeJSON(&w)
        w.key("publisher"); self.publisher.writeJSON(&w)
        w.key("publisherFromCatalogue"); w.bool(self.publisherFromCatalogue)
        w.member("slug", self.slug)
        w.member("themes", self.themes)
        w.endObject()
    }
}

extension PublishedDistributionFacts {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        w.member("accessURL", accessURL)
        w.member("downloadURL", downloadURL)
        w.member("format", format)
        w.member("iri", iri)
        w.key("licence"); licence.writeJSON(&w)
        if let service {
            w.key("service")
            w.beginObject()
            w.member("documentation", service.documentation)
            w.member("endpointDescription", service.endpointDescription)
            w.member("endpointURL", service.endpointURL)
            w.member("kind", service.kind)
            w.member("standard", service.standard)
            w.member("title", service.title)
            w.endObject()
        }
        w.member("url", url)
        w.endObject()
    }
}

extension BoundingBox {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        w.key("east"); w.double(east)
        w.key("north"); w.double(north)
        w.key("south"); w.double(south)
        w.key("west"); w.double(west)
        w.endObject()
    }
}

extension Distribution {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        w.member("accessURL", accessURL)
        w.member("attributionText", attributionText)
        if let byteSize { w.key("byteSize"); w.int(byteSize) }
        if let checksum {
            w.key("checksum")
            w.beginObject()
            w.member("algorithm", checksum.algorithm)
            w.member("value", checksum.value)
            w.endObject()
        }
        w.member("conformsTo", conformsTo)
        w.member("description", description)
        if let documentation { w.member("documentation", documentation) }
        w.member("downloadURL", downloadURL)
        w.member("format", format)
        if let issued { w.key("issued"); issued.writeJSON(&w) }
        w.member("languages", languages)
        if let licence { w.key("licence"); licence.writeJSON(&w) }
        w.key("licenceInherited"); w.bool(licenceInherited)
        w.member("mediaType", mediaType)
        if let modified { w.key("modified"); modified.writeJSON(&w) }
        w.member("plannedAvailability", plannedAvailability)
        w.member("rawFormat", rawFormat)
        w.member("rights", rights)
        w.member("status", status)
        w.member("title", title)
        w.member("uri", uri)
        w.endObject()
    }
}

extension Provenance {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        w.member("remoteID", remoteID)
        w.member("remoteName", remoteName)
        w.member("sourceID", sourceID)
        w.member("sourceModified", sourceModified)
        w.member("url", url)
        w.endObject()
    }
}

extension Agent {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        w.member("email", email)
        w.member("homepage", homepage)
        w.member("name", name)
        w.member("type", type)
        w.member("uri", uri)
        w.endObject()
    }
}

extension ContactPoint {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        if let address {
            w.key("address")
            w.beginObject()
            w.member("country", address.country)
            w.member("locality", address.locality)
            w.member("postalCode", address.postalCode)
            w.member("region", address.region)
            w.member("street", address.street)
            w.endObject()
        }
        w.member("email", email)
        w.member("name", name)
        w.member("phone", phone)
        w.member("url", url)
        w.endObject()
    }
}

extension Location {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        if let bbox { w.key("bbox"); bbox.writeJSON(&w) }
        w.member("geometryGeoJSON", geometryGeoJSON)
        w.member("label", label)
        w.member("uri", uri)
        w.endObject()
    }
}

extension PeriodOfTime {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        if let end { w.key("end"); end.writeJSON(&w) }
        if let start { w.key("start"); start.writeJSON(&w) }
        w.endObject()
    }
}

extension DateValue {
    /// The synthesised enum form: `{"date":{"_0":"2020-01-01"}}`.
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        w.key(isDate ? "date" : "dateTime")
        w.beginObject(); w.member("_0", lexical); w.endObject()
        w.endObject()
    }
}

extension Licence {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        w.member("raw", raw)
        w.member("reason", reason)
        w.member("spdx", spdx)
        w.member("status", status.rawValue)
        w.member("uri", uri)
        w.endObject()
    }
}

extension JSONValue {
    /// A canonical compact form for content hashing: object keys sorted by their UTF-8 bytes, no whitespace,
    /// strings re-escaped (so `"\u00e4"` and `"ä"` are the same), integral numbers below 10^15 without a
    /// fraction, other numbers in Swift's shortest form.
    package func writeCanonical(_ w: inout JSONByteWriter) {
        switch self {
        case .null: w.raw("null")
        case .bool(let b): w.raw(b ? "true" : "false")
        case .number(let n):
            if n.rounded() == n, abs(n) < 1e15 { w.raw(String(Int64(n))) } else { w.raw(n.description) }
        case .string(let s): w.rawString(s)
        case .array(let a):
            w.raw("[")
            for (i, v) in a.enumerated() {
                if i > 0 { w.raw(",") }
                v.writeCanonical(&w)
            }
            w.raw("]")
        case .object(let o):
            w.raw("{")
            for (i, key) in o.keys.sorted(by: { $0.utf8Precedes($1) }).enumerated() {
                if i > 0 { w.raw(",") }
                w.rawString(key)
                w.raw(":")
                o[key]!.writeCanonical(&w)
            }
            w.raw("}")
        }
    }
}
