#include "property/register_csv.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace stadshart::property {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

Register Sample() {
  Register reg;
  reg.zones = {{"kernwinkelgebied", "Kernwinkelgebied", {}, 1}, {"overig", "Overig centrum", {}, 1}};
  Business bakker{1, "Bakkerij \"De Korenschoof\"; Assen (fictief)", "12345678", "000012345678", "1071",
                  Function::kDaily, 4, {"mkb_retail", "vvac"}, "https://bakker.example", 3};
  Business kapper{2, "Kapsalon Knip (fictief)", "87654321", "000087654321", "", Function::kServices, 1, {}, "", 1};
  reg.businesses = {bakker, kapper};

  Unit a;
  a.id = 1;
  a.street = "Kruisstraat";
  a.number = 12;
  a.letter = "a";
  a.addition = "1";
  a.postcode = "9401 AB";
  a.bag_id = "0106010000012345";
  a.zone = "kernwinkelgebied";
  a.floor_area_m2 = 120;
  a.lat = 52.99251234567891;
  a.lon = -6.5623;  // negative: exported as "'-6,5623" (defused) and read back
  a.owner = "=Vastgoed; \"Assen\" BV";
  a.occupancy = {
      {D(2015, 1, 1), D(2017, 3, 1), OccupancyKind::kInUse, 1, "", "", std::nullopt},
      {D(2017, 3, 1), D(2018, 1, 1), OccupancyKind::kVacant, std::nullopt, "", "", std::nullopt},
      {D(2018, 1, 1), D(2018, 6, 1), OccupancyKind::kTemporary, std::nullopt, "Pop-up Kunst", "Stichting Tijdelijk",
       D(2018, 5, 31)},
      {D(2018, 6, 1), std::nullopt, OccupancyKind::kInUse, 2, "", "", std::nullopt},
  };
  Unit b;
  b.id = 2;
  b.street = "Oudestraat";
  b.number = 3;
  b.bag_id = "0106010000054321";
  b.zone = "overig";
  b.floor = Floor::kUpper;
  b.floor_area_m2 = 0;
  b.outlet = false;
  b.occupancy = {
      {D(2016, 2, 29), D(2019, 1, 1), OccupancyKind::kVacantLet, std::nullopt, "", "", std::nullopt},
      {D(2019, 1, 1), std::nullopt, OccupancyKind::kHousing, std::nullopt, "", "", std::nullopt},
  };
  reg.units = {a, b};
  return reg;
}

void ExpectSameUnit(const Unit& x, const Unit& y) {
  EXPECT_EQ(x.id, y.id);
  EXPECT_EQ(x.bag_id, y.bag_id);
  EXPECT_EQ(x.Address(), y.Address());
  EXPECT_EQ(x.postcode, y.postcode);
  EXPECT_EQ(x.zone, y.zone);
  EXPECT_EQ(x.floor, y.floor);
  EXPECT_EQ(x.floor_area_m2, y.floor_area_m2);
  EXPECT_EQ(x.outlet, y.outlet);
  EXPECT_EQ(x.lat, y.lat);  // exactly: the export writes the shortest form that reads back to the same double
  EXPECT_EQ(x.lon, y.lon);
  EXPECT_EQ(x.owner, y.owner);
}

void ExpectSameBusiness(const Business& x, const Business& y) {
  EXPECT_EQ(x.id, y.id);
  EXPECT_EQ(x.name, y.name);
  EXPECT_EQ(x.kvk, y.kvk);
  EXPECT_EQ(x.vestiging, y.vestiging);
  EXPECT_EQ(x.sbi, y.sbi);
  EXPECT_EQ(x.function, y.function);
  EXPECT_EQ(x.jobs, y.jobs);
  EXPECT_EQ(x.memberships, y.memberships);
  EXPECT_EQ(x.website, y.website);
}

void ExpectSameRow(const OccupancyRow& x, const OccupancyRow& y) {
  EXPECT_EQ(x.bag_id, y.bag_id);
  EXPECT_EQ(x.vestiging, y.vestiging);
  EXPECT_EQ(x.interval.from, y.interval.from);
  EXPECT_EQ(x.interval.to, y.interval.to);
  EXPECT_EQ(x.interval.kind, y.interval.kind);
  EXPECT_EQ(x.interval.temporary_user, y.interval.temporary_user);
  EXPECT_EQ(x.interval.temporary_manager, y.interval.temporary_manager);
  EXPECT_EQ(x.interval.temporary_end, y.interval.temporary_end);
}

std::vector<std::string> Messages(const Error& error) {
  std::vector<std::string> out;
  for (const FieldError& f : error.field_errors) out.push_back(f.message);
  return out;
}

TEST(RegisterCsv, ExportsWithEnglishHeadersSemicolonsAndCommaDecimals) {
  std::string units = UnitsCsv(Sample());
  EXPECT_EQ(units.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(units.find("id;bag_id;street;number;letter;addition;postcode;zone;floor;floor_area_m2;outlet;lat;lon;"
                       "owner\r\n"),
            std::string::npos);
  EXPECT_NE(units.find(";52,99251234567891;'-6,5623;"), std::string::npos) << units;
  std::string occupancy = OccupancyCsv(Sample());
  EXPECT_NE(occupancy.find("0106010000012345;2015-01-01;2017-03-01;in_use;000012345678;;;\r\n"), std::string::npos)
      << occupancy;
  EXPECT_NE(occupancy.find("0106010000012345;2018-06-01;;in_use;000087654321;;;\r\n"), std::string::npos);
  EXPECT_NE(occupancy.find(";temporary;;Pop-up Kunst;Stichting Tijdelijk;2018-05-31\r\n"), std::string::npos);
}

TEST(RegisterCsv, TheExportReadsBackAsTheBatchThatRecreatesTheRegister) {
  Register reg = Sample();
  ImportBatch expected = ToImportBatch(reg);
  auto units = ParseUnitsCsv(UnitsCsv(reg));
  auto businesses = ParseBusinessesCsv(BusinessesCsv(reg));
  auto occupancy = ParseOccupancyCsv(OccupancyCsv(reg));
  ASSERT_TRUE(units.ok()) << units.error().message;
  ASSERT_TRUE(businesses.ok()) << businesses.error().message;
  ASSERT_TRUE(occupancy.ok()) << occupancy.error().message;
  ASSERT_EQ(units.value().units.size(), expected.units.size());
  for (size_t i = 0; i < expected.units.size(); ++i) {
    ExpectSameUnit(units.value().units[i].value, expected.units[i].value);
    EXPECT_EQ(units.value().units[i].line, static_cast<int>(i) + 2);
  }
  ASSERT_EQ(businesses.value().businesses.size(), expected.businesses.size());
  for (size_t i = 0; i < expected.businesses.size(); ++i) {
    ExpectSameBusiness(businesses.value().businesses[i].value, expected.businesses[i].value);
  }
  ASSERT_EQ(occupancy.value().occupancy.size(), 6u);
  for (size_t i = 0; i < expected.occupancy.size(); ++i) {
    ExpectSameRow(occupancy.value().occupancy[i].value, expected.occupancy[i].value);
  }
}

TEST(RegisterCsv, ReadsDutchExcelsOwnFormAndACommaSeparatedFile) {
  // As Excel saves it again: no BOM needed, Dutch dates, comma decimals, different column order and case.
  std::string excel =
      "Zone;BAG_ID;street;number;floor;floor_area_m2;lat;lon\r\n"
      "overig;0106010000000001;Markt;1;ground;80;52,9925;6,5624\r\n";
  auto units = ParseUnitsCsv(excel);
  ASSERT_TRUE(units.ok()) << units.error().message;
  EXPECT_EQ(units.value().units[0].value.lat, 52.9925);
  EXPECT_TRUE(units.value().units[0].value.outlet);

  std::string comma =
      "bag_id,from,to,kind,vestiging\n"
      "0106010000000001,1-3-2019,\"01-01-2020\",in_use,000012345678\n"
      "0106010000000001,1/1/2020,,vacant,\n";
  auto occupancy = ParseOccupancyCsv(comma);
  ASSERT_TRUE(occupancy.ok()) << occupancy.error().message;
  EXPECT_EQ(occupancy.value().occupancy[0].value.interval.from, D(2019, 3, 1));
  EXPECT_EQ(occupancy.value().occupancy[0].value.interval.to, D(2020, 1, 1));
  EXPECT_EQ(occupancy.value().occupancy[1].value.interval.from, D(2020, 1, 1));
  EXPECT_EQ(occupancy.value().occupancy[1].line, 3);
}

TEST(RegisterCsv, ReportsEveryProblemOfEveryRowWithItsLine) {
  std::string text =
      "bag_id;street;number;zone;floor;floor_area_m2;lat;lon\n"
      "0106010000000001;Markt;1;overig;ground;80;;\n"
      "123;Markt;twee;overig;kelder;80;;\n"
      "\n"
      "0106010000000001;;3;overig;ground;-5;52,9;\n";
  auto units = ParseUnitsCsv(text);
  ASSERT_FALSE(units.ok());
  auto messages = Messages(units.error());
  auto has = [&](const std::string& prefix, const std::string& part) {
    return std::any_of(messages.begin(), messages.end(), [&](const std::string& m) {
      return m.rfind(prefix, 0) == 0 && m.find(part) != std::string::npos;
    });
  };
  EXPECT_TRUE(has("Regel 3: ", "16 cijfers")) << ::testing::PrintToString(messages);
  EXPECT_TRUE(has("Regel 3: ", "'twee'"));
  EXPECT_TRUE(has("Regel 3: ", "'kelder'"));
  EXPECT_TRUE(has("Regel 5: ", "straat"));
  EXPECT_TRUE(has("Regel 5: ", "m²"));
  EXPECT_TRUE(has("Regel 5: ", "beide coördinaten"));
  EXPECT_TRUE(has("Regel 5: ", "staat ook op regel 2"));
  EXPECT_FALSE(has("Regel 2: ", ""));
  // A number that does not parse is reported once, not again by the field check.
  EXPECT_EQ(std::count_if(messages.begin(), messages.end(),
                          [](const std::string& m) { return m.find("huisnummer") != std::string::npos; }),
            1);
}

TEST(RegisterCsv, RefusesUnknownAndMissingColumnsInDutch) {
  auto result = ParseBusinessesCsv("vestiging;naam;kvk\n000012345678;Bakker;12345678\n");
  ASSERT_FALSE(result.ok());
  auto messages = Messages(result.error());
  EXPECT_NE(messages[0].find("Onbekende kolom 'naam'"), std::string::npos) << messages[0];
  EXPECT_TRUE(std::any_of(messages.begin(), messages.end(),
                          [](const std::string& m) { return m.find("'function' ontbreekt") != std::string::npos; }));
  auto empty = ParseOccupancyCsv("");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("leeg"), std::string::npos);
}

TEST(RegisterCsv, ChecksOccupancyRowsOnTheirOwn) {
  std::string text =
      "bag_id;from;to;kind;vestiging;temporary_user\n"
      "0106010000000001;2019-03-01;2019-03-01;in_use;;\n"
      "0106010000000001;31-2-2019;;vacant;000012345678;\n"
      "0106010000000001;2019-01-01;;leeg;;\n"
      "0106010000000001;2019-01-01;;vacant;;Pop-up\n";
  auto result = ParseOccupancyCsv(text);
  ASSERT_FALSE(result.ok());
  auto messages = Messages(result.error());
  EXPECT_EQ(messages.size(), 6u) << ::testing::PrintToString(messages);
  EXPECT_NE(messages[0].find("Regel 2: De einddatum 1-3-2019 ligt niet na"), std::string::npos) << messages[0];
  EXPECT_NE(messages[1].find("Regel 2: Bij in_use hoort het vestigingsnummer"), std::string::npos);
  EXPECT_NE(messages[2].find("Regel 3: De begindatum (from) is geen datum: '31-2-2019'"), std::string::npos);
  EXPECT_NE(messages[3].find("Regel 3: Een vestigingsnummer hoort alleen bij in_use"), std::string::npos);
  EXPECT_NE(messages[4].find("Regel 4: Onbekende soort 'leeg'"), std::string::npos);
  EXPECT_NE(messages[5].find("Regel 5: Gebruiker, beheerder"), std::string::npos);
}

TEST(RegisterCsv, ParsesDaysInIsoAndDutchOrder) {
  EXPECT_EQ(ParseCsvDay("2019-03-01"), D(2019, 3, 1));
  EXPECT_EQ(ParseCsvDay("1-3-2019"), D(2019, 3, 1));
  EXPECT_EQ(ParseCsvDay("01/03/2019"), D(2019, 3, 1));
  EXPECT_EQ(ParseCsvDay("29-2-2016"), D(2016, 2, 29));
  EXPECT_FALSE(ParseCsvDay("29-2-2019"));
  EXPECT_FALSE(ParseCsvDay("1-3/2019"));
  EXPECT_FALSE(ParseCsvDay("1-3-19"));
  EXPECT_FALSE(ParseCsvDay("3/1/2019 10:00"));
}

TEST(RegisterCsv, GeoJsonHasUnitsWithCoordinatesAndTheirStateOnTheDay) {
  auto doc = nlohmann::json::parse(UnitsGeoJson(Sample(), D(2018, 2, 1)));
  EXPECT_EQ(doc["type"], "FeatureCollection");
  ASSERT_EQ(doc["features"].size(), 1u);  // the second unit has no coordinates
  const auto& f = doc["features"][0];
  EXPECT_EQ(f["geometry"]["coordinates"][0], -6.5623);  // [lon, lat]
  EXPECT_EQ(f["geometry"]["coordinates"][1], 52.99251234567891);
  EXPECT_EQ(f["properties"]["id"], 1);
  EXPECT_EQ(f["properties"]["address"], "Kruisstraat 12a-1");
  EXPECT_EQ(f["properties"]["state"], "tijdelijk gebruik");
  EXPECT_EQ(f["properties"]["kind"], "temporary");
  EXPECT_TRUE(f["properties"]["business"].is_null());
  EXPECT_EQ(f["properties"]["url"], "/panden/1");
  auto later = nlohmann::json::parse(UnitsGeoJson(Sample(), D(2019, 2, 1)));
  EXPECT_EQ(later["features"][0]["properties"]["business"], "Kapsalon Knip (fictief)");
  auto before = nlohmann::json::parse(UnitsGeoJson(Sample(), D(2010, 1, 1)));
  EXPECT_EQ(before["features"][0]["properties"]["kind"], "none");
}

}  // namespace
}  // namespace stadshart::property
