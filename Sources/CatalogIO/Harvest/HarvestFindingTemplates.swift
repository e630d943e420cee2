import CatalogCore

// The findings the harvest makes per record (CatalogIO: dump files, CKAN's package_search, nightly runs), as
// templates: sentences rendered when written (FindingTemplate). Findings about a whole source stay text.

extension FindingTemplate {
    // MARK: Dump files (DumpReader)
    static let dumpSinglePackageWithoutID = FindingTemplate(
        "dump.no-id", "the file holds one JSON object without \"id\" or \"name\"; read as one package dict",
        de: "Die Datei enthält ein JSON-Objekt ohne \"id\" oder \"name\"; als ein Paket gelesen.")
    /// Arguments: [position, line, JSON type ("" when not valid JSON)]
    static let dumpElementSkipped = FindingTemplate(
        "dump.not-an-object", { "element \($0[0]) (line \($0[1])) \($0[2].isEmpty ? "is not valid JSON" : "is \($0[2]), not a package dict"); skipped" },
        de: { "Element \($0[0]) (Zeile \($0[1])) \($0[2].isEmpty ? "ist kein gültiges JSON" : "ist \(germanJSONTypeName($0[2])), kein Paket"); übersprungen." })
    /// Arguments: [line, JSON type ("" when not valid JSON), the line's first 60 bytes]
    static let dumpLineSkipped = FindingTemplate(
        "dump.bad-line", { "line \($0[0]) \($0[1].isEmpty ? "is not valid JSON (truncated or broken line)" : "is \($0[1]), not a package dict"); skipped, the other lines were read. Starts with: \($0[2])" },
        de: { "Zeile \($0[0]) \($0[1].isEmpty ? "ist kein gültiges JSON (abgeschnittene oder kaputte Zeile)" : "ist \(germanJSONTypeName($0[1])), kein Paket"); übersprungen, die übrigen Zeilen wurden gelesen. Beginnt mit: \($0[2])" })
    /// Arguments: [place ("line N" or "element N"), position of the earlier record]
    static let dumpDuplicateID = FindingTemplate(
        "dump.duplicate-id", { "\($0[0]) repeats the id of record \($0[1]); both are passed on" },
        de: { "\($0[0].replacingOccurrences(of: "line ", with: "Zeile ").replacingOccurrences(of: "element ", with: "Element ")) wiederholt die ID von Eintrag \($0[1]); beide werden weitergegeben." })

    // MARK: package_search (CKANClient)
    static let harvestVanished = FindingTemplate("harvest.vanished", "listed by the portal but gone when fetched (deleted during the harvest?)",
                                                 de: "Vom Portal gelistet, beim Abruf aber verschwunden (während der Ernte gelöscht?).")
    static let harvestNoLongerListed = FindingTemplate(
        "harvest.no-longer-listed", "fetched while paging but no longer listed at the end of the harvest (deleted or made private meanwhile); kept for this run",
        de: "Beim Blättern abgerufen, am Ende der Ernte aber nicht mehr gelistet (inzwischen gelöscht oder privat gestellt); für diesen Lauf behalten.")
    static let harvestNotAnObject = FindingTemplate("harvest.not-an-object", "a package_search result is not a JSON object; skipped",
                                                    de: "Ein Ergebnis von package_search ist kein JSON-Objekt; übersprungen.")
    static let harvestNoID = FindingTemplate("harvest.no-id", "a package_search result has neither id nor name", de: "Ein Ergebnis von package_search hat weder id noch name.")

    // MARK: Nightly runs (NightlyHarvester)
    /// Arguments: [the record's position in the harvest]
    static let nightlyRecordWithoutID = FindingTemplate(
        "record.noID", { "Rejected: record #\($0[0]) of this harvest has neither `id` nor `name`; it cannot be published or tracked." },
        de: { "Abgelehnt: Eintrag #\($0[0]) dieser Ernte hat weder `id` noch `name`; er lässt sich weder veröffentlichen noch verfolgen." })
    static let nightlyWithdrawn = FindingTemplate("nightly.withdrawn", "no longer listed by the source; withdrawn from the catalogue (kept in the state store)",
                                                  de: "Von der Quelle nicht mehr gelistet; aus dem Katalog zurückgezogen (im Zustandsspeicher aufbewahrt).")
}
