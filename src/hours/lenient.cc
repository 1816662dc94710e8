#include "hours/lenient.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "hours/utf8.h"

namespace stadshart::hours {
namespace {

// Words and phrases in other spellings and languages, lower case, with their strict form. A space in a phrase
// matches any run of white space. "\x01" means "open end" (handled by the scanner).
struct Phrase {
  std::string_view from;
  std::string_view to;
};

constexpr Phrase kPhrases[] = {
    {"24 hours 7 days a week", "24/7"},
    {"one day after public holiday", "PH +1 day"},
    {"one day before public holiday", "PH -1 day"},
    {"day after public holiday", "PH +1 day"},
    {"day before public holiday", "PH -1 day"},
    {"zon- en feestdagen", "Su,PH"},
    {"school holidays", "SH"},
    {"school holiday", "SH"},
    {"public holidays", "PH"},
    {"public holiday", "PH"},
    {"bank holidays", "PH"},
    {"nonstop geöffnet", "24/7"},
    {"7 days a week", "Mo-Su"},
    {"7 days/week", "Mo-Su"},
    {"on work days", "Mo-Fr"},
    {"on work day", "Mo-Fr"},
    {"always closed", "off"},
    {"always open", "24/7"},
    {"altijd open", "24/7"},
    {"dag en nacht", "24/7"},
    {"24 hours", "00:00-24:00"},
    {"24 uur", "00:00-24:00"},
    {"every day", "Mo-Su"},
    {"elke dag", "Mo-Su"},
    {"iedere dag", "Mo-Su"},
    {"all days", "Mo-Su"},
    {"all day", "24/7"},
    {"open end", "\x01"},
    {"7j/7", "Mo-Su"},
    {"7/7", "Mo-Su"},
    {"24x7", "24/7"},
};

constexpr Phrase kWords[] = {
    // canonical spellings (only the case is repaired)
    {"mo", "Mo"}, {"tu", "Tu"}, {"we", "We"}, {"th", "Th"}, {"fr", "Fr"}, {"sa", "Sa"}, {"su", "Su"},
    {"jan", "Jan"}, {"feb", "Feb"}, {"mar", "Mar"}, {"apr", "Apr"}, {"may", "May"}, {"jun", "Jun"},
    {"jul", "Jul"}, {"aug", "Aug"}, {"sep", "Sep"}, {"oct", "Oct"}, {"nov", "Nov"}, {"dec", "Dec"},
    {"ph", "PH"}, {"sh", "SH"}, {"open", "open"}, {"closed", "closed"}, {"off", "off"}, {"unknown", "unknown"},
    {"week", "week"}, {"easter", "easter"}, {"day", "day"}, {"days", "days"}, {"sunrise", "sunrise"},
    {"sunset", "sunset"}, {"dawn", "dawn"}, {"dusk", "dusk"},
    // English
    {"monday", "Mo"}, {"mon", "Mo"}, {"tuesday", "Tu"}, {"tue", "Tu"}, {"tues", "Tu"}, {"wednesday", "We"},
    {"wed", "We"}, {"thursday", "Th"}, {"thu", "Th"}, {"thur", "Th"}, {"thurs", "Th"}, {"friday", "Fr"},
    {"fri", "Fr"}, {"saturday", "Sa"}, {"sat", "Sa"}, {"sunday", "Su"}, {"sun", "Su"},
    {"january", "Jan"}, {"february", "Feb"}, {"march", "Mar"}, {"april", "Apr"}, {"june", "Jun"},
    {"july", "Jul"}, {"august", "Aug"}, {"september", "Sep"}, {"sept", "Sep"}, {"october", "Oct"},
    {"november", "Nov"}, {"december", "Dec"},
    {"holiday", "PH"}, {"holidays", "PH"}, {"schoolholiday", "SH"}, {"schoolholidays", "SH"},
    {"daily", "Mo-Su"}, {"everyday", "Mo-Su"}, {"weekend", "Sa-Su"}, {"weekends", "Sa-Su"},
    {"weekdays", "Mo-Fr"}, {"workdays", "Mo-Fr"}, {"always", "24/7"}, {"nonstop", "24/7"}, {"anytime", "24/7"},
    {"midnight", "00:00"}, {"daylight", "sunrise-sunset"}, {"openend", "\x01"}, {"late", "\x01"},
    {"to", "-"}, {"till", "-"}, {"til", "-"}, {"until", "-"}, {"through", "-"}, {"thru", "-"}, {"and", ","},
    // Dutch
    {"maandag", "Mo"}, {"maandags", "Mo"}, {"ma", "Mo"}, {"dinsdag", "Tu"}, {"dinsdags", "Tu"}, {"di", "Tu"},
    {"woensdag", "We"}, {"woensdags", "We"}, {"wo", "We"}, {"donderdag", "Th"}, {"donderdags", "Th"},
    {"do", "Th"}, {"vrijdag", "Fr"}, {"vrijdags", "Fr"}, {"vr", "Fr"}, {"zaterdag", "Sa"}, {"zaterdags", "Sa"},
    {"za", "Sa"}, {"zondag", "Su"}, {"zondags", "Su"}, {"zo", "Su"},
    {"januari", "Jan"}, {"februari", "Feb"}, {"maart", "Mar"}, {"mrt", "Mar"}, {"mei", "May"}, {"juni", "Jun"},
    {"juli", "Jul"}, {"augustus", "Aug"}, {"oktober", "Oct"}, {"okt", "Oct"},
    {"feestdag", "PH"}, {"feestdagen", "PH"}, {"schoolvakantie", "SH"}, {"schoolvakanties", "SH"},
    {"dagelijks", "Mo-Su"}, {"werkdagen", "Mo-Fr"}, {"gesloten", "off"}, {"dicht", "off"}, {"geopend", "open"},
    {"tot", "-"}, {"en", ","}, {"uur", ""}, {"pasen", "easter"},
    // German
    {"montag", "Mo"}, {"montags", "Mo"}, {"dienstag", "Tu"}, {"dienstags", "Tu"}, {"mittwoch", "We"},
    {"mittwochs", "We"}, {"mi", "We"}, {"donnerstag", "Th"}, {"donnerstags", "Th"}, {"freitag", "Fr"},
    {"freitags", "Fr"}, {"samstag", "Sa"}, {"samstags", "Sa"}, {"sonnabend", "Sa"}, {"sonntag", "Su"},
    {"sonntags", "Su"}, {"so", "Su"},
    {"januar", "Jan"}, {"februar", "Feb"}, {"märz", "Mar"}, {"maerz", "Mar"}, {"mai", "May"}, {"dezember", "Dec"},
    {"feiertag", "PH"}, {"feiertage", "PH"}, {"feiertags", "PH"}, {"schulferien", "SH"}, {"ferien", "SH"},
    {"täglich", "Mo-Su"}, {"geschlossen", "off"}, {"geschl", "off"}, {"geöffnet", "open"}, {"bis", "-"},
    {"und", ","}, {"uhr", ""},
    // French, Spanish, Italian, Portuguese, Polish, Russian and a few other scripts
    {"lundi", "Mo"}, {"mardi", "Tu"}, {"mercredi", "We"}, {"jeudi", "Th"}, {"vendredi", "Fr"}, {"samedi", "Sa"},
    {"dimanche", "Su"}, {"janvier", "Jan"}, {"février", "Feb"}, {"fevrier", "Feb"}, {"mars", "Mar"},
    {"avril", "Apr"}, {"juin", "Jun"}, {"juillet", "Jul"}, {"août", "Aug"}, {"aout", "Aug"},
    {"septembre", "Sep"}, {"octobre", "Oct"}, {"novembre", "Nov"}, {"décembre", "Dec"}, {"et", ","},
    {"lunes", "Mo"}, {"martes", "Tu"}, {"miércoles", "We"}, {"miercoles", "We"}, {"jueves", "Th"},
    {"viernes", "Fr"}, {"sábado", "Sa"}, {"sabado", "Sa"}, {"domingo", "Su"}, {"enero", "Jan"},
    {"febrero", "Feb"}, {"marzo", "Mar"}, {"abril", "Apr"}, {"mayo", "May"}, {"junio", "Jun"}, {"julio", "Jul"},
    {"agosto", "Aug"}, {"septiembre", "Sep"}, {"octubre", "Oct"}, {"noviembre", "Nov"}, {"diciembre", "Dec"},
    {"gennaio", "Jan"}, {"febbraio", "Feb"}, {"aprile", "Apr"}, {"maggio", "May"}, {"giugno", "Jun"},
    {"luglio", "Jul"}, {"settembre", "Sep"}, {"ottobre", "Oct"}, {"dicembre", "Dec"},
    {"a", "-"}, {"as", "-"}, {"á", "-"}, {"ás", "-"}, {"à", "-"}, {"às", "-"}, {"ate", "-"}, {"до", "-"},
    {"pn", "Mo"}, {"wt", "Tu"}, {"śr", "We"}, {"czw", "Th"}, {"pt", "Fr"}, {"sob", "Sa"}, {"nd", "Su"},
    {"понедельник", "Mo"}, {"вторник", "Tu"}, {"среда", "We"}, {"четверг", "Th"}, {"пятница", "Fr"},
    {"суббота", "Sa"}, {"воскресенье", "Su"},
    {"月曜日", "Mo"}, {"火曜日", "Tu"}, {"水曜日", "We"}, {"木曜日", "Th"}, {"金曜日", "Fr"}, {"土曜日", "Sa"},
    {"日曜日", "Su"}, {"ორშაბათი", "Mo"}, {"პარასკევი", "Fr"}, {"วันจันทร์", "Mo"}, {"วันศุกร์", "Fr"},
    {"الاثنين", "Mo"}, {"الجمعة", "Fr"},
};

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0; }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Letters of words: ASCII letters, '_' and any non-ASCII code point the pre-pass left alone (accented Latin,
// Cyrillic, CJK, Georgian, Thai, Arabic). Quotes and punctuation outside ASCII end a word.
bool IsWordChar(char32_t c) {
  if (IsAsciiLetter(c) || c == '_') return true;
  if (c < 0x80) return false;
  switch (c) {
    case 0x201C: case 0x201D: case 0x201E: case 0x201A: case 0x2018: case 0x2019: case 0xAB: case 0xBB:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0xA0:
      return false;
    default:
      return true;
  }
}

// One-to-one character repairs: dashes, full-width colon, superscript, subscript and degree-sign digits.
char32_t MapChar(char32_t c) {
  switch (c) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0x30FC:
    case 0x2192: case 0xFF5E: case '~': case '=':
      return '-';
    case 0xFF1A:
      return ':';
    case 0xB0: case 0x2070: return '0';
    case 0xB9: return '1';
    case 0xB2: return '2';
    case 0xB3: return '3';
    case '&': return ',';
    default:
      break;
  }
  if (c >= 0x2074 && c <= 0x2079) return '4' + (c - 0x2074);
  if (c >= 0x2080 && c <= 0x2089) return '0' + (c - 0x2080);
  return c;
}

class Scanner {
 public:
  explicit Scanner(std::u32string input) : in_(std::move(input)) { out_.input_length = in_.size(); }

  LenientText Run() {
    SkipKeyPrefix();
    MapCharacters();
    while (i_ < in_.size()) Step();
    out_.origin.push_back(in_.size());
    return std::move(out_);
  }

 private:
  void Emit(std::string_view s, std::size_t pos) {
    out_.text.append(s);
    out_.origin.insert(out_.origin.end(), s.size(), pos);
  }
  void Warn(std::size_t pos, std::size_t len, std::string_view replacement) {
    std::string original = EncodeUtf8(in_.substr(pos, len));
    std::string shown = replacement == "\x01" ? "+" : std::string(replacement);
    if (shown.empty()) {
      out_.warnings.push_back({pos, "'" + original + "' was ignored", "'" + original + "' is genegeerd"});
    } else {
      out_.warnings.push_back({pos, "'" + original + "' was read as '" + shown + "'",
                               "'" + original + "' is gelezen als '" + shown + "'"});
    }
  }

  // "opening_hours=" and "Öffnungszeiten:" pasted in front of the value.
  void SkipKeyPrefix() {
    for (std::u32string_view key : {U"opening_hours", U"öffnungszeiten", U"öffnungszeit", U"openingstijden"}) {
      if (in_.size() < key.size() || LowerCase(in_.substr(0, key.size())) != key) continue;
      std::size_t j = key.size();
      while (j < in_.size() && IsSpace(in_[j])) ++j;
      if (j < in_.size() && (in_[j] == '=' || in_[j] == ':')) ++j;
      while (j < in_.size() && IsSpace(in_[j])) ++j;
      if (j == key.size() && j < in_.size() && !IsSpace(in_[j])) continue;
      out_.warnings.push_back({0, "the key in front of the value was ignored", "de sleutel voor de waarde is genegeerd"});
      i_ = j;
      return;
    }
  }

  void MapCharacters() {
    bool in_comment = false;
    for (std::size_t k = i_; k < in_.size(); ++k) {
      if (in_[k] == '"') in_comment = !in_comment;
      if (in_comment) continue;
      char32_t mapped = MapChar(in_[k]);
      if (mapped == in_[k]) continue;
      if (in_[k] != '&') {
        out_.warnings.push_back({k, "character '" + EncodeUtf8(std::u32string(1, in_[k])) + "' was read as '" +
                                        std::string(1, static_cast<char>(mapped)) + "'",
                                 "teken '" + EncodeUtf8(std::u32string(1, in_[k])) + "' is gelezen als '" +
                                     std::string(1, static_cast<char>(mapped)) + "'"});
      }
      in_[k] = mapped;
    }
  }

  void Step() {
    char32_t c = in_[i_];
    if (c == '"') return CopyComment('"', '"');
    if (c == 0x201C) return CopyComment(0x201C, 0x201D);
    if (IsSpace(c)) {
      Emit(" ", i_++);
      return;
    }
    if (AtBoundary() && MatchPhrase()) return;
    if (IsDigit(c)) return ScanNumber();
    if (IsWordChar(c)) return ScanWord();
    if (c < 0x80) {
      Emit(std::string(1, static_cast<char>(c)), i_++);
      return;
    }
    Emit(EncodeUtf8(std::u32string(1, c)), i_++);
  }

  bool AtBoundary() const { return i_ == 0 || !(IsWordChar(in_[i_ - 1]) || IsDigit(in_[i_ - 1])); }

  void CopyComment(char32_t open, char32_t close) {
    if (open != '"') Warn(i_, 1, "\"");
    Emit("\"", i_);
    std::size_t j = i_ + 1;
    while (j < in_.size() && in_[j] != close && in_[j] != '"') {
      Emit(EncodeUtf8(std::u32string(1, in_[j])), j);
      ++j;
    }
    if (j < in_.size()) {
      Emit("\"", j);
      ++j;
    }
    i_ = j;
  }

  // Length of the match of a lower-case phrase at i_ (a space matches a run of white space), or 0.
  std::size_t MatchAt(std::u32string_view phrase) const {
    std::size_t j = i_;
    for (std::size_t k = 0; k < phrase.size(); ++k) {
      if (phrase[k] == ' ') {
        if (j >= in_.size() || !IsSpace(in_[j])) return 0;
        while (j < in_.size() && IsSpace(in_[j])) ++j;
        continue;
      }
      if (j >= in_.size() || LowerCase(in_[j]) != phrase[k]) return 0;
      ++j;
    }
    bool word_end = IsWordChar(phrase.back()) || IsDigit(phrase.back());
    if (word_end && j < in_.size() && (IsWordChar(in_[j]) || IsDigit(in_[j]))) return 0;
    return j - i_;
  }

  bool MatchPhrase() {
    // kPhrases decoded once (thread-safe static initialisation), not at every word boundary.
    static const std::vector<std::u32string> decoded = [] {
      std::vector<std::u32string> out;
      for (const Phrase& p : kPhrases) out.push_back(DecodeUtf8(p.from));
      return out;
    }();
    if (i_ >= in_.size()) return false;
    char32_t first = LowerCase(in_[i_]);
    for (std::size_t n = 0; n < decoded.size(); ++n) {
      if (decoded[n][0] != first) continue;
      std::size_t len = MatchAt(decoded[n]);
      if (len == 0) continue;
      const Phrase& p = kPhrases[n];
      Replace(i_, len, p.to);
      i_ += len;
      return true;
    }
    return false;
  }

  void Replace(std::size_t pos, std::size_t len, std::string_view to) {
    Warn(pos, len, to);
    if (to == "\x01") return EmitOpenEnd(pos);
    Emit(to, pos);
  }

  // "17:00 - late" -> "17:00+": the dash before an open-end word is dropped.
  void EmitOpenEnd(std::size_t pos) {
    std::size_t n = out_.text.size();
    while (n > 0 && out_.text[n - 1] == ' ') --n;
    if (n > 0 && out_.text[n - 1] == '-') {
      out_.text.resize(n - 1);
      out_.origin.resize(n - 1);
    }
    Emit("+", pos);
  }

  void ScanWord() {
    std::size_t start = i_;
    std::size_t j = i_;
    while (j < in_.size() && IsWordChar(in_[j])) ++j;
    std::u32string word = in_.substr(start, j - start);
    std::string lower = EncodeUtf8(LowerCase(word));
    std::string original = EncodeUtf8(word);
    const Phrase* hit = Lookup(lower);
    if (hit != nullptr) {
      // an abbreviation dot ("Mon.", "geschl.") belongs to the word
      bool dot = j < in_.size() && in_[j] == '.' && !(j + 1 < in_.size() && IsDigit(in_[j + 1]));
      if (dot) ++j;
      if (original != hit->to || dot) Replace(start, j - start, hit->to);
      else Emit(hit->to, start);
      i_ = j;
      return;
    }
    // two canonical abbreviations written together: "SHWe"
    if (lower.size() == 4) {
      const Phrase* a = Lookup(lower.substr(0, 2));
      const Phrase* b = Lookup(lower.substr(2));
      if (a != nullptr && b != nullptr && a->to.size() == 2 && b->to.size() == 2 && a->from == Lower(a->to) &&
          b->from == Lower(b->to)) {
        Warn(start, 4, std::string(a->to) + " " + std::string(b->to));
        Emit(a->to, start);
        Emit(" ", start + 2);
        Emit(b->to, start + 2);
        i_ = j;
        return;
      }
    }
    Emit(original, start);
    i_ = j;
  }

  static std::string Lower(std::string_view s) {
    std::string r(s);
    for (char& ch : r) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    return r;
  }

  static const Phrase* Lookup(std::string_view lower) {
    for (const Phrase& w : kWords) {
      if (w.from == lower) return &w;
    }
    return nullptr;
  }

  // Digits, with the repairs "10.00" -> "10:00" and "10am", "1:30 p.m." -> 24-hour clock.
  void ScanNumber() {
    std::size_t start = i_;
    std::size_t j = i_;
    while (j < in_.size() && IsDigit(in_[j])) ++j;
    std::size_t hour_end = j;
    int hours = 0;
    for (std::size_t k = start; k < hour_end && k < start + 9; ++k) {  // more digits are no time anyway
      hours = hours * 10 + static_cast<int>(in_[k] - '0');
    }
    int minutes = 0;
    bool has_minutes = false;
    bool dot = false;
    if (hour_end - start <= 2 && j + 2 < in_.size() && (in_[j] == ':' || in_[j] == '.') && IsDigit(in_[j + 1]) &&
        IsDigit(in_[j + 2]) && (j + 3 >= in_.size() || !IsDigit(in_[j + 3]))) {
      dot = in_[j] == '.';
      minutes = static_cast<int>((in_[j + 1] - '0') * 10 + (in_[j + 2] - '0'));
      has_minutes = true;
      j += 3;
    }
    // am / pm
    std::size_t k = j;
    while (k < in_.size() && IsSpace(in_[k])) ++k;
    for (std::u32string_view suffix : {U"a.m.", U"p.m.", U"am", U"pm"}) {
      if (hour_end - start > 2) break;
      std::size_t save = i_;
      i_ = k;
      std::size_t len = MatchAt(suffix);
      i_ = save;
      if (len == 0) continue;
      if (hours < 1 || hours > 12 || minutes > 59) break;
      bool pm = suffix[0] == 'p';
      int h24 = hours % 12 + (pm ? 12 : 0);
      char buf[8];
      buf[0] = static_cast<char>('0' + h24 / 10);
      buf[1] = static_cast<char>('0' + h24 % 10);
      buf[2] = ':';
      buf[3] = static_cast<char>('0' + minutes / 10);
      buf[4] = static_cast<char>('0' + minutes % 10);
      Replace(start, k + len - start, std::string_view(buf, 5));
      i_ = k + len;
      return;
    }
    if (has_minutes && dot) {
      std::string digits = EncodeUtf8(in_.substr(start, hour_end - start));
      std::string repaired = digits + ":" + EncodeUtf8(in_.substr(hour_end + 1, 2));
      Replace(start, j - start, repaired);
      i_ = j;
      return;
    }
    Emit(EncodeUtf8(in_.substr(start, j - start)), start);
    for (std::size_t p = start; p < j; ++p) out_.origin[out_.origin.size() - (j - p)] = p;
    i_ = j;
  }

  std::u32string in_;
  std::size_t i_ = 0;
  LenientText out_;
};

}  // namespace

LenientText MakeStrict(std::string_view input) { return Scanner(DecodeUtf8(input)).Run(); }

}  // namespace stadshart::hours
