package import Foundation

// catalog.model.json read back without JSONDecoder: a pull reader over the bytes builds the model values
// directly, the mirror of `modelJSON()` in ModelJSON.swift. JSONDecoder first boxed the whole file into a tree
// (gigabytes and most of a minute at 100 k datasets) before `opendata serve` could answer. Members the reader does
// not know are skipped (a newer writer), a member of the wrong type is an error naming it, and a required member
// that is missing is an error too. `ModelJSONTests` checks the reader against JSONDecoder on the demo catalogue.

/// Why catalog.model.json could not be read.
package struct ModelJSONError: Error, CustomStringConvertible {
    package var description: String

    /// One value read from all of `bytes` (only whitespace may follow); errors name `file` and the byte.
    static func readWhole<T>(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, value: String, _ read: (inout JSONParser) throws(JSONParser.Failure) -> T
    ) -> Result<T, ModelJSONError> {
        var p = JSONParser(bytes)
        do {
            let result = try read(&p)
            p.skipSpace()
            guard p.i == p.b.count else { return .failure(ModelJSONError(description: "\(file): unexpected bytes after \(value) at byte \(p.i)")) }
            return .success(result)
        } catch {
            return .failure(ModelJSONError(description: "\(file): \(p.problem ?? "invalid JSON") at byte \(p.i)"))
        }
    }
}

extension Catalog {
    /// The catalogue from catalog.model.json bytes (as `modelJSON()` writes them), read in one pass on one core;
    /// `init(modelJSON:)` reads the datasets in parallel and falls back to this for a file of another shape.
    package init(onePassModelJSON data: Data) throws(ModelJSONError) {
        self = try data.withUnsafeBytes { raw in Self.onePass(raw.bindMemory(to: UInt8.self)) }.get()
    }

    /// Reads the whole file; with `datasetsEnd` (where the leading datasets list ends, read elsewhere) the list
    /// is skipped and the catalogue comes back without datasets.
    static func onePass(_ bytes: UnsafeBufferPointer<UInt8>, datasetsEnd: Int? = nil) -> Result<Catalog, ModelJSONError> {
        ModelJSONError.readWhole(bytes, file: Catalog.modelFileName, value: "the catalogue") { p throws(JSONParser.Failure) in
            try Catalog.read(&p, datasetsEnd: datasetsEnd, shapes: PublishedShape.ReadCache())
        }
    }

    static func read(_ p: inout JSONParser, datasetsEnd: Int? = nil, shapes: PublishedShape.ReadCache) throws(JSONParser.Failure) -> Catalog {
        var c = Catalog(uri: "", title: "", description: "", publisher: Agent(name: ""))
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "datasets":
                if let datasetsEnd { p.i = datasetsEnd } else {
                    c.datasets = try p.list { p throws(JSONParser.Failure) in try Dataset.read(&p, shapes: shapes) }
                }
            case "description": c.description = try p.text()
            case "homepage": c.homepage = try p.optionalText()
            case "languages": c.languages = try p.texts()
            case "modified": c.modified = try p.optional(DateValue.read)
            case "profile": c.profile = try p.optionalText().flatMap(DCATGraph.Profile.init(rawValue:))
            case "publisher": c.publisher = try Agent.read(&p)
            case "title": c.title = try p.text()
            case "uri": c.uri = try p.text()
            default: try p.skipValue()
            }
        }
        try p.require(["datasets", "description", "publisher", "title", "uri"], in: seen, of: "catalogue")
        return c
    }
}

extension [Dataset] {
    /// Datasets from a JSON list as `[Dataset].modelJSON()` writes them (JSONEncoder's form reads too).
    package init(modelJSON data: Data) throws(ModelJSONError) {
        self = try data.withUnsafeBytes { raw in
            ModelJSONError.readWhole(raw.bindMemory(to: UInt8.self), file: "datasets", value: "the list") { p throws(JSONParser.Failure) in
                let shapes = PublishedShape.ReadCache()
                return try p.list { p throws(JSONParser.Failure) in try Dataset.read(&p, shapes: shapes) }
            }
        }.get()
    }
}

extension Dataset {
    /// `shapes`: the geometries of this read of the model (`PublishedShape.read(geoJSON:shapes:)`).
    static func read(_ p: inout JSONParser, shapes: PublishedShape.ReadCache) throws(JSONParser.Failure) -> Dataset {
        var d = Dataset(uri: "", identifier: "", title: "", description: "")
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "accessRights": d.accessRights = try p.optionalText()
            case "accrualPeriodicity": d.accrualPeriodicity = try p.optionalText()
            case "conformsTo": d.conformsTo = try p.texts()
            case "contactPoint": d.contactPoint = try p.optional(ContactPoint.read)
            case "contributorIDs": d.contributorIDs = try p.texts()
            case "creator": d.creator = try p.optional(Agent.read)
            case "derivedFrom": d.derivedFrom = try p.texts()
            case "description": d.description = try p.text()
            case "distributions": d.distributions = try p.list { p throws(JSONParser.Failure) in try Distribution.read(&p) }
            case "documentation": d.documentation = try p.optional { p throws(JSONParser.Failure) in try p.texts() }
            case "geocodingText": d.geocodingText = try p.optionalText()
            case "hvdCategories": d.hvdCategories = try p.texts()
            case "identifier": d.identifier = try p.text()
            case "inSeries": d.inSeries = try p.texts()
            case "isSeries": d.isSeries = try p.boolean()
            case "issued": d.issued = try p.optional(DateValue.read)
            case "keywords": d.keywords = try p.texts()
            case "landingPage": d.landingPage = try p.optionalText()
            case "languages": d.languages = try p.texts()
            case "legalBasis": d.legalBasis = try p.optionalText()
            case "licence": d.licence = try p.optional(Licence.read)
            case "maintainer": d.maintainer = try p.optional(Agent.read)
            case "modified": d.modified = try p.optional(DateValue.read)
            case "originator": d.originator = try p.optional(Agent.read)
            case "otherIdentifiers": d.otherIdentifiers = try p.texts()
            case "politicalGeocoding": d.politicalGeocoding = try p.texts()
            case "politicalGeocodingLevel": d.politicalGeocodingLevel = try p.optionalText()
            case "provenance": d.provenance = try p.list { p throws(JSONParser.Failure) in try Provenance.read(&p) }
            case "provenanceStatement": d.provenanceStatement = try p.optionalText()
            case "published": d.published = try p.optional { p throws(JSONParser.Failure) in try PublishedFacts.read(&p, shapes: shapes) }
            case "publisher": d.publisher = try p.optional(Agent.read)
            case "relations": d.relations = try p.optional { p throws(JSONParser.Failure) in try p.texts() }
            case "spatial": d.spatial = try p.optional(Location.read)
            case "temporal": d.temporal = try p.optional(PeriodOfTime.read)
            case "textLanguage": d.textLanguage = try p.optionalText()
            case "themes": d.themes = try p.texts()
            case "title": d.title = try p.text()
            case "uri": d.uri = try p.text()
            case "version": d.version = try p.optionalText()
            case "versionNotes": d.versionNotes = try p.optionalText()
            default: try p.skipValue()
            }
        }
        try p.require(["uri", "identifier", "title", "description", "distributions", "provenance"], in: seen, of: "dataset")
        return d
    }
}

extension Distribution {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> Distribution {
        var x = Distribution(uri: "", accessURL: "")
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "accessURL": x.accessURL = try p.text()
            case "attributionText": x.attributionText = try p.optionalText()
            case "byteSize": x.byteSize = try p.optional { p throws(JSONParser.Failure) in try p.integer() }
            case "checksum": x.checksum = try p.optional(Checksum.read)
            case "conformsTo": x.conformsTo = try p.texts()
            case "description": x.description = try p.optionalText()
            case "documentation": x.documentation = try p.optional { p throws(JSONParser.Failure) in try p.texts() }
            case "downloadURL": x.downloadURL = try p.optionalText()
            case "format": x.format = try p.optionalText()
            case "issued": x.issued = try p.optional(DateValue.read)
            case "languages": x.languages = try p.texts()
            case "licence": x.licence = try p.optional(Licence.read)
            case "licenceInherited": x.licenceInherited = try p.boolean()
            case "mediaType": x.mediaType = try p.optionalText()
            case "modified": x.modified = try p.optional(DateValue.read)
            case "plannedAvailability": x.plannedAvailability = try p.optionalText()
            case "rawFormat": x.rawFormat = try p.optionalText()
            case "rights": x.rights = try p.optionalText()
            case "status": x.status = try p.optionalText()
            case "title": x.title = try p.optionalText()
            case "uri": x.uri = try p.text()
            default: try p.skipValue()
            }
        }
        try p.require(["uri", "accessURL", "licenceInherited"], in: seen, of: "distribution")
        return x
    }
}

extension PublishedFacts {
    static func read(_ p: inout JSONParser, shapes: PublishedShape.ReadCache) throws(JSONParser.Failure) -> PublishedFacts {
        let none = Licence(raw: nil, status: .missing)
        var f = PublishedFacts(
            licence: none, publisher: Agent(name: ""), publisherFromCatalogue: false, themes: [], iri: "", slug: "",
            ckanID: "", ckanName: "", geometry: nil, bbox: nil, languages: [], distributions: [])
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "area": f.area = try p.optional(PublishedArea.read)
            case "bbox": f.bbox = try p.optional(BoundingBox.read)
            case "ckanID": f.ckanID = try p.text()
            case "ckanName": f.ckanName = try p.text()
            case "distributions": f.distributions = try p.list { p throws(JSONParser.Failure) in try PublishedDistributionFacts.read(&p) }
            case "geometry": f.geometry = try p.optionalText().flatMap { PublishedShape.read(geoJSON: $0, shapes: shapes) }
            case "geometrySource": f.geometrySource = try p.optionalText().flatMap(GeometrySource.init(rawValue:))
            case "hvd": f.hvd = try p.optional(PublishedHVD.read)
            case "iri": f.iri = try p.text()
            case "languages": f.languages = try p.texts()
            case "licence": f.licence = try Licence.read(&p)
            case "publisher": f.publisher = try Agent.read(&p)
            case "publisherFromCatalogue": f.publisherFromCatalogue = try p.boolean()
            case "slug": f.slug = try p.text()
            case "themes": f.themes = try p.texts()
            default: try p.skipValue()
            }
        }
        try p.require(["licence", "publisher", "iri", "slug", "ckanID", "ckanName", "distributions"], in: seen, of: "published facts")
        return f
    }
}

extension PublishedDistributionFacts {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> PublishedDistributionFacts {
        var f = PublishedDistributionFacts(iri: "", accessURL: nil, downloadURL: nil, url: nil, format: nil, licence: Licence(raw: nil, status: .missing))
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "accessURL": f.accessURL = try p.optionalText()
            case "downloadURL": f.downloadURL = try p.optionalText()
            case "format": f.format = try p.optionalText()
            case "iri": f.iri = try p.text()
            case "licence": f.licence = try Licence.read(&p)
            case "service": f.service = try p.optional(PublishedService.read)
            case "url": f.url = try p.optionalText()
            default: try p.skipValue()
            }
        }
        try p.require(["iri", "licence"], in: seen, of: "published distribution facts")
        return f
    }
}

extension PublishedHVD {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> PublishedHVD {
        var v = PublishedHVD(categories: [], reasons: [])
        try p.members { p, key throws(JSONParser.Failure) in
            switch key {
            case "categories": v.categories = try p.texts()
            case "reasons": v.reasons = try p.texts()
            default: try p.skipValue()
            }
        }
        return v
    }
}

extension PublishedService {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> PublishedService {
        var v = PublishedService(kind: "", endpointURL: "")
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "documentation": v.documentation = try p.optionalText()
            case "endpointDescription": v.endpointDescription = try p.optionalText()
            case "endpointURL": v.endpointURL = try p.text()
            case "kind": v.kind = try p.text()
            case "standard": v.standard = try p.optionalText()
            case "title": v.title = try p.text()
            default: try p.skipValue()
            }
        }
        try p.require(["kind", "endpointURL"], in: seen, of: "published service")
        return v
    }
}

extension Provenance {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> Provenance {
        var v = Provenance(sourceID: "", remoteID: "")
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "remoteID": v.remoteID = try p.text()
            case "remoteName": v.remoteName = try p.optionalText()
            case "sourceID": v.sourceID = try p.text()
            case "sourceModified": v.sourceModified = try p.optionalText()
            case "url": v.url = try p.optionalText()
            default: try p.skipValue()
            }
        }
        try p.require(["sourceID", "remoteID"], in: seen, of: "provenance")
        return v
    }
}

extension Agent {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> Agent {
        var a = Agent(name: "")
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "email": a.email = try p.optionalText()
            case "homepage": a.homepage = try p.optionalText()
            case "name": a.name = try p.text()
            case "type": a.type = try p.optionalText()
            case "uri": a.uri = try p.optionalText()
            default: try p.skipValue()
            }
        }
        try p.require(["name"], in: seen, of: "agent")
        return a
    }
}

extension ContactPoint {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> ContactPoint {
        var c = ContactPoint()
        try p.members { p, key throws(JSONParser.Failure) in
            switch key {
            case "address": c.address = try p.optional(PostalAddress.read)
            case "email": c.email = try p.optionalText()
            case "name": c.name = try p.optionalText()
            case "phone": c.phone = try p.optionalText()
            case "url": c.url = try p.optionalText()
            default: try p.skipValue()
            }
        }
        return c
    }
}

extension Location {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> Location {
        var l = Location()
        try p.members { p, key throws(JSONParser.Failure) in
            switch key {
            case "bbox": l.bbox = try p.optional(BoundingBox.read)
            case "geometryGeoJSON": l.geometryGeoJSON = try p.optionalText()
            case "label": l.label = try p.optionalText()
            case "uri": l.uri = try p.optionalText()
            default: try p.skipValue()
            }
        }
        return l
    }
}

extension BoundingBox {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> BoundingBox {
        var b = BoundingBox(west: 0, south: 0, east: 0, north: 0)
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "east": b.east = try p.double()
            case "north": b.north = try p.double()
            case "south": b.south = try p.double()
            case "west": b.west = try p.double()
            default: try p.skipValue()
            }
        }
        try p.require(["east", "north", "south", "west"], in: seen, of: "bounding box")
        return b
    }
}

extension PeriodOfTime {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> PeriodOfTime {
        var t = PeriodOfTime()
        try p.members { p, key throws(JSONParser.Failure) in
            switch key {
            case "end": t.end = try p.optional(DateValue.read)
            case "start": t.start = try p.optional(DateValue.read)
            default: try p.skipValue()
            }
        }
        return t
    }
}

extension DateValue {
    /// The synthesised enum form: `{"date":{"_0":"2020-01-01"}}`.
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> DateValue {
        var value: DateValue?
        try p.members { p, kind throws(JSONParser.Failure) in
            var lexical: String?
            try p.members { p, key throws(JSONParser.Failure) in
                if key == "_0" { lexical = try p.text() } else { try p.skipValue() }
            }
            guard let lexical else { throw p.fail("a date without its value") }
            switch kind {
            case "date": value = .date(lexical)
            case "dateTime": value = .dateTime(lexical)
            default: throw p.fail("unknown date kind \(kind)")
            }
        }
        guard let value else { throw p.fail("an empty date") }
        return value
    }
}

extension Licence {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> Licence {
        var l = Licence(raw: nil, status: .missing)
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "raw": l.raw = try p.optionalText()
            case "reason": l.reason = try p.optionalText()
            case "spdx": l.spdx = try p.optionalText()
            case "status":
                let code = try p.text()
                guard let status = LicenceStatus(rawValue: code) else { throw p.fail("unknown licence status \(code)") }
                l.status = status
            case "uri": l.uri = try p.optionalText()
            default: try p.skipValue()
            }
        }
        try p.require(["status"], in: seen, of: "licence")
        return l
    }
}

extension Checksum {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> Checksum {
        var c = Checksum(algorithm: "", value: "")
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "algorithm": c.algorithm = try p.text()
            case "value": c.value = try p.text()
            default: try p.skipValue()
            }
        }
        try p.require(["algorithm", "value"], in: seen, of: "checksum")
        return c
    }
}

extension PostalAddress {
    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> PostalAddress {
        var a = PostalAddress()
        try p.members { p, key throws(JSONParser.Failure) in
            switch key {
            case "country": a.country = try p.optionalText()
            case "locality": a.locality = try p.optionalText()
            case "postalCode": a.postalCode = try p.optionalText()
            case "region": a.region = try p.optionalText()
            case "street": a.street = try p.optionalText()
            default: try p.skipValue()
            }
        }
        return a
    }
}
