// A schema using every feature the drift tests' reader of schema.prisma handles (tests/support/prisma-schema.ts).
// Each engine's migration test holds the SQL `prisma migrate diff --from-empty --to-schema-datamodel ... --script`
// (Prisma 6.19.3) generated for it on that engine, and checks that the reader expects exactly the database that SQL
// builds: if the reader's naming, type or default rules drift from Prisma's, that test fails. (For PostgreSQL the
// datasource's provider was set to postgresql, with the url Prisma 6 requires; nothing else differs.)
export const FIXTURE_SCHEMA = `
generator client {
  provider = "prisma-client"
  output   = "../src/generated/prisma"
}

datasource db {
  provider = "sqlite"
}

// A comment with { braces } and @unique in it.
/// A doc comment.
model Author {
  id        Int      @id @default(autoincrement())
  handle    String   @unique // trailing comment @id
  bio       String?
  score     Float    @default(1.5)
  rank      Int      @default(3)
  active    Boolean  @default(true)
  motto     String   @default("it's")
  born      DateTime?
  joinedAt  DateTime @default(now())
  prefs     Json
  big       BigInt?
  mentorId  Int?
  mentor    Author?  @relation("Mentoring", fields: [mentorId], references: [id])
  mentees   Author[] @relation("Mentoring")
  books     Book[]
  tags      Tag[]
  followers Author[] @relation("Follows")
  following Author[] @relation("Follows")
  reviews   Review[]

  @@index([bio, id])
  @@index([bio(sort: Desc), handle])
}

model Book {
  id       Int      @id @default(autoincrement())
  isbn     String
  edition  Int
  authorId Int
  author   Author   @relation(fields: [authorId], references: [id])
  tags     Tag[]
  reviews  Review[] @relation("BookReviews")

  @@unique([isbn, edition])
}

model Tag {
  id      Int      @id @default(autoincrement())
  label   String   @unique
  books   Book[]
  authors Author[]
}

model Review {
  bookId   Int
  book     Book   @relation("BookReviews", fields: [bookId], references: [id], onDelete: Cascade, onUpdate: NoAction)
  authorId Int
  author   Author @relation(fields: [authorId], references: [id], onDelete: Restrict, onUpdate: Restrict)
  stars    Int

  @@id([bookId, authorId])
  @@index([authorId])
}
`;
