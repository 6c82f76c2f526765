-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "snoozedUntil" TIMESTAMP(3);
