package io.picshare.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Real-looking photo titles built from word lists ("Golden sunset over the harbour", "Sleepy cat on
 * a Lisbon balcony"), and the one- and two-word queries people would type to find them. Words are
 * drawn with a skew toward the front of each list (index {@code floor(n * u²)}), so some words are
 * in many titles and most in few, as in real titles. The same seed gives the same titles.
 */
final class TitleWords {
  static final List<String> ADJECTIVES =
      List.of(
          "golden",
          "misty",
          "quiet",
          "sunny",
          "rainy",
          "old",
          "tiny",
          "happy",
          "sleepy",
          "frozen",
          "autumn",
          "spring",
          "summer",
          "winter",
          "early",
          "late",
          "blue",
          "green",
          "red",
          "bright",
          "dark",
          "wild",
          "lazy",
          "busy",
          "ancient",
          "little",
          "lonely",
          "colourful",
          "windy",
          "foggy",
          "silent",
          "crowded",
          "hidden",
          "secret",
          "stormy",
          "peaceful",
          "endless",
          "vintage",
          "rustic",
          "sparkling");
  static final List<String> SUBJECTS =
      List.of(
          "sunset",
          "sunrise",
          "beach",
          "cat",
          "dog",
          "coffee",
          "mountain",
          "lake",
          "river",
          "bridge",
          "street",
          "market",
          "garden",
          "forest",
          "tree",
          "flower",
          "rose",
          "tulip",
          "boat",
          "harbour",
          "lighthouse",
          "castle",
          "church",
          "tower",
          "train",
          "station",
          "bicycle",
          "car",
          "skyline",
          "city",
          "village",
          "road",
          "path",
          "field",
          "meadow",
          "waterfall",
          "island",
          "wave",
          "cloud",
          "moon",
          "star",
          "snow",
          "rain",
          "storm",
          "breakfast",
          "dinner",
          "pizza",
          "pasta",
          "cake",
          "bread",
          "wine",
          "beer",
          "tea",
          "friends",
          "family",
          "wedding",
          "birthday",
          "party",
          "concert",
          "festival",
          "parade",
          "museum",
          "library",
          "cafe",
          "restaurant",
          "kitchen",
          "window",
          "door",
          "balcony",
          "roof",
          "park",
          "playground",
          "puppy",
          "kitten",
          "horse",
          "cow",
          "sheep",
          "bird",
          "seagull",
          "owl",
          "butterfly",
          "bee",
          "fox",
          "deer",
          "squirrel",
          "portrait",
          "selfie",
          "reflection",
          "shadow",
          "light",
          "fireworks",
          "lantern",
          "graffiti",
          "mural",
          "statue",
          "fountain",
          "pier",
          "dune",
          "canyon",
          "glacier",
          "volcano");
  static final List<String> PLACES =
      List.of(
          "Lisbon",
          "Porto",
          "Paris",
          "Rome",
          "Berlin",
          "Vienna",
          "Prague",
          "Madrid",
          "Barcelona",
          "London",
          "Dublin",
          "Edinburgh",
          "Amsterdam",
          "Copenhagen",
          "Oslo",
          "Stockholm",
          "Helsinki",
          "Reykjavik",
          "Athens",
          "Istanbul",
          "Cairo",
          "Marrakesh",
          "Tokyo",
          "Kyoto",
          "Seoul",
          "Bangkok",
          "Hanoi",
          "Bali",
          "Sydney",
          "Auckland",
          "Vancouver",
          "Montreal",
          "Boston",
          "Chicago",
          "Denver",
          "Seattle",
          "Austin",
          "Havana",
          "Lima",
          "Cusco",
          "Santiago",
          "Patagonia",
          "Iceland",
          "Tuscany",
          "Provence",
          "Bavaria",
          "Scotland",
          "Norway",
          "Alaska",
          "Yosemite",
          "Sahara",
          "Andes",
          "Alps",
          "Dolomites",
          "Crete",
          "Sicily",
          "Sardinia",
          "Corsica",
          "Brittany",
          "Normandy");
  private static final List<String> LINKS =
      List.of("at the", "over the", "by the", "in", "near the", "on the", "under the", "with");
  private static final List<String> ENDINGS =
      List.of("", "", "", " again", " at dusk", " at dawn", " last weekend", " from above");

  private final long seed;

  TitleWords(long seed) {
    this.seed = seed;
  }

  /** Title {@code n} of this seed. */
  String title(int n) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
    String adjective = pick(ADJECTIVES, random);
    String subject = pick(SUBJECTS, random);
    String place = pick(PLACES, random);
    String title =
        switch (random.nextInt(4)) {
          case 0 -> adjective + " " + subject + " " + pick(LINKS, random) + " " + place;
          case 1 -> subject + " " + pick(LINKS, random) + " " + pick(SUBJECTS, random);
          case 2 -> adjective + " " + subject + " in " + place;
          default -> place + ": " + adjective + " " + subject + pick(ENDINGS, random);
        };
    return Character.toUpperCase(title.charAt(0)) + title.substring(1);
  }

  /**
   * A query someone looking for a photo might type: half the time one word of a random title of the
   * first {@code titles}, half the time two of its words; lower-case, no link words.
   */
  String query(int titles, SplittableRandom random) {
    List<String> words = searchWords(title(random.nextInt(titles)));
    int first = random.nextInt(words.size());
    if (words.size() == 1 || random.nextBoolean()) {
      return words.get(first);
    }
    int second = random.nextInt(words.size() - 1);
    return words.get(first) + " " + words.get(second >= first ? second + 1 : second);
  }

  /** The words of {@code title} worth searching for: lower-case, no link words or punctuation. */
  static List<String> searchWords(String title) {
    List<String> words = new ArrayList<>();
    for (String word : title.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (word.length() > 2 && !List.of("the", "with", "from", "again").contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  private static String pick(List<String> words, SplittableRandom random) {
    double u = random.nextDouble();
    return words.get((int) (words.size() * u * u));
  }
}
