-- Manager dashboard (lib/dashboard): a working-day ordinal table and daily summaries kept in step with their
-- sources by the database itself, in the same transaction as every change. See db/schema/dashboard.ts.

-- The Shanghai calendar date of an instant (UTC+8, no daylight saving since 1991), whatever the session's zone.
CREATE OR REPLACE FUNCTION "dsr"."shanghai_day"(ts timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT ((ts AT TIME ZONE 'UTC') + interval '8 hours')::date $$;
--> statement-breakpoint
-- 00:00 Asia/Shanghai on a date, as an instant.
CREATE OR REPLACE FUNCTION "dsr"."shanghai_day_start"(d date) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (d::timestamp - interval '8 hours') AT TIME ZONE 'UTC' $$;
--> statement-breakpoint
-- lib/sla/fallback.ts statutoryHolidays(2000…2060), for the years whose State Council notice is not loaded
-- (lib/dashboard/working-days.test.ts checks this copy).
INSERT INTO "dsr"."statutory_holidays" ("day", "name") VALUES
  ('2000-01-01','元旦'), ('2000-02-04','春节'), ('2000-02-05','春节'), ('2000-02-06','春节'), ('2000-02-07','春节'), ('2000-04-04','清明节'),
  ('2000-05-01','劳动节'), ('2000-05-02','劳动节'), ('2000-06-06','端午节'), ('2000-09-12','中秋节'), ('2000-10-01','国庆节'), ('2000-10-02','国庆节'),
  ('2000-10-03','国庆节'), ('2001-01-01','元旦'), ('2001-01-23','春节'), ('2001-01-24','春节'), ('2001-01-25','春节'), ('2001-01-26','春节'),
  ('2001-04-05','清明节'), ('2001-05-01','劳动节'), ('2001-05-02','劳动节'), ('2001-06-25','端午节'), ('2001-10-01','中秋节、国庆节'), ('2001-10-02','国庆节'),
  ('2001-10-03','国庆节'), ('2002-01-01','元旦'), ('2002-02-11','春节'), ('2002-02-12','春节'), ('2002-02-13','春节'), ('2002-02-14','春节'),
  ('2002-04-05','清明节'), ('2002-05-01','劳动节'), ('2002-05-02','劳动节'), ('2002-06-15','端午节'), ('2002-09-21','中秋节'), ('2002-10-01','国庆节'),
  ('2002-10-02','国庆节'), ('2002-10-03','国庆节'), ('2003-01-01','元旦'), ('2003-01-31','春节'), ('2003-02-01','春节'), ('2003-02-02','春节'),
  ('2003-02-03','春节'), ('2003-04-05','清明节'), ('2003-05-01','劳动节'), ('2003-05-02','劳动节'), ('2003-06-04','端午节'), ('2003-09-11','中秋节'),
  ('2003-10-01','国庆节'), ('2003-10-02','国庆节'), ('2003-10-03','国庆节'), ('2004-01-01','元旦'), ('2004-01-21','春节'), ('2004-01-22','春节'),
  ('2004-01-23','春节'), ('2004-01-24','春节'), ('2004-04-04','清明节'), ('2004-05-01','劳动节'), ('2004-05-02','劳动节'), ('2004-06-22','端午节'),
  ('2004-09-28','中秋节'), ('2004-10-01','国庆节'), ('2004-10-02','国庆节'), ('2004-10-03','国庆节'), ('2005-01-01','元旦'), ('2005-02-08','春节'),
  ('2005-02-09','春节'), ('2005-02-10','春节'), ('2005-02-11','春节'), ('2005-04-05','清明节'), ('2005-05-01','劳动节'), ('2005-05-02','劳动节'),
  ('2005-06-11','端午节'), ('2005-09-18','中秋节'), ('2005-10-01','国庆节'), ('2005-10-02','国庆节'), ('2005-10-03','国庆节'), ('2006-01-01','元旦'),
  ('2006-01-28','春节'), ('2006-01-29','春节'), ('2006-01-30','春节'), ('2006-01-31','春节'), ('2006-04-05','清明节'), ('2006-05-01','劳动节'),
  ('2006-05-02','劳动节'), ('2006-05-31','端午节'), ('2006-10-01','国庆节'), ('2006-10-02','国庆节'), ('2006-10-03','国庆节'), ('2006-10-06','中秋节'),
  ('2007-01-01','元旦'), ('2007-02-17','春节'), ('2007-02-18','春节'), ('2007-02-19','春节'), ('2007-02-20','春节'), ('2007-04-05','清明节'),
  ('2007-05-01','劳动节'), ('2007-05-02','劳动节'), ('2007-06-19','端午节'), ('2007-09-25','中秋节'), ('2007-10-01','国庆节'), ('2007-10-02','国庆节'),
  ('2007-10-03','国庆节'), ('2008-01-01','元旦'), ('2008-02-06','春节'), ('2008-02-07','春节'), ('2008-02-08','春节'), ('2008-02-09','春节'),
  ('2008-04-04','清明节'), ('2008-05-01','劳动节'), ('2008-05-02','劳动节'), ('2008-06-08','端午节'), ('2008-09-14','中秋节'), ('2008-10-01','国庆节'),
  ('2008-10-02','国庆节'), ('2008-10-03','国庆节'), ('2009-01-01','元旦'), ('2009-01-25','春节'), ('2009-01-26','春节'), ('2009-01-27','春节'),
  ('2009-01-28','春节'), ('2009-04-04','清明节'), ('2009-05-01','劳动节'), ('2009-05-02','劳动节'), ('2009-05-28','端午节'), ('2009-10-01','国庆节'),
  ('2009-10-02','国庆节'), ('2009-10-03','中秋节、国庆节'), ('2010-01-01','元旦'), ('2010-02-13','春节'), ('2010-02-14','春节'), ('2010-02-15','春节'),
  ('2010-02-16','春节'), ('2010-04-05','清明节'), ('2010-05-01','劳动节'), ('2010-05-02','劳动节'), ('2010-06-16','端午节'), ('2010-09-22','中秋节'),
  ('2010-10-01','国庆节'), ('2010-10-02','国庆节'), ('2010-10-03','国庆节'), ('2011-01-01','元旦'), ('2011-02-02','春节'), ('2011-02-03','春节'),
  ('2011-02-04','春节'), ('2011-02-05','春节'), ('2011-04-05','清明节'), ('2011-05-01','劳动节'), ('2011-05-02','劳动节'), ('2011-06-06','端午节'),
  ('2011-09-12','中秋节'), ('2011-10-01','国庆节'), ('2011-10-02','国庆节'), ('2011-10-03','国庆节'), ('2012-01-01','元旦'), ('2012-01-22','春节'),
  ('2012-01-23','春节'), ('2012-01-24','春节'), ('2012-01-25','春节'), ('2012-04-04','清明节'), ('2012-05-01','劳动节'), ('2012-05-02','劳动节'),
  ('2012-06-23','端午节'), ('2012-09-30','中秋节'), ('2012-10-01','国庆节'), ('2012-10-02','国庆节'), ('2012-10-03','国庆节'), ('2013-01-01','元旦'),
  ('2013-02-09','春节'), ('2013-02-10','春节'), ('2013-02-11','春节'), ('2013-02-12','春节'), ('2013-04-04','清明节'), ('2013-05-01','劳动节'),
  ('2013-05-02','劳动节'), ('2013-06-12','端午节'), ('2013-09-19','中秋节'), ('2013-10-01','国庆节'), ('2013-10-02','国庆节'), ('2013-10-03','国庆节'),
  ('2014-01-01','元旦'), ('2014-01-30','春节'), ('2014-01-31','春节'), ('2014-02-01','春节'), ('2014-02-02','春节'), ('2014-04-05','清明节'),
  ('2014-05-01','劳动节'), ('2014-05-02','劳动节'), ('2014-06-02','端午节'), ('2014-09-08','中秋节'), ('2014-10-01','国庆节'), ('2014-10-02','国庆节'),
  ('2014-10-03','国庆节'), ('2015-01-01','元旦'), ('2015-02-18','春节'), ('2015-02-19','春节'), ('2015-02-20','春节'), ('2015-02-21','春节'),
  ('2015-04-05','清明节'), ('2015-05-01','劳动节'), ('2015-05-02','劳动节'), ('2015-06-20','端午节'), ('2015-09-27','中秋节'), ('2015-10-01','国庆节'),
  ('2015-10-02','国庆节'), ('2015-10-03','国庆节'), ('2016-01-01','元旦'), ('2016-02-07','春节'), ('2016-02-08','春节'), ('2016-02-09','春节'),
  ('2016-02-10','春节'), ('2016-04-04','清明节'), ('2016-05-01','劳动节'), ('2016-05-02','劳动节'), ('2016-06-09','端午节'), ('2016-09-15','中秋节'),
  ('2016-10-01','国庆节'), ('2016-10-02','国庆节'), ('2016-10-03','国庆节'), ('2017-01-01','元旦'), ('2017-01-27','春节'), ('2017-01-28','春节'),
  ('2017-01-29','春节'), ('2017-01-30','春节'), ('2017-04-04','清明节'), ('2017-05-01','劳动节'), ('2017-05-02','劳动节'), ('2017-05-30','端午节'),
  ('2017-10-01','国庆节'), ('2017-10-02','国庆节'), ('2017-10-03','国庆节'), ('2017-10-04','中秋节'), ('2018-01-01','元旦'), ('2018-02-15','春节'),
  ('2018-02-16','春节'), ('2018-02-17','春节'), ('2018-02-18','春节'), ('2018-04-05','清明节'), ('2018-05-01','劳动节'), ('2018-05-02','劳动节'),
  ('2018-06-18','端午节'), ('2018-09-24','中秋节'), ('2018-10-01','国庆节'), ('2018-10-02','国庆节'), ('2018-10-03','国庆节'), ('2019-01-01','元旦'),
  ('2019-02-04','春节'), ('2019-02-05','春节'), ('2019-02-06','春节'), ('2019-02-07','春节'), ('2019-04-05','清明节'), ('2019-05-01','劳动节'),
  ('2019-05-02','劳动节'), ('2019-06-07','端午节'), ('2019-09-13','中秋节'), ('2019-10-01','国庆节'), ('2019-10-02','国庆节'), ('2019-10-03','国庆节'),
  ('2020-01-01','元旦'), ('2020-01-24','春节'), ('2020-01-25','春节'), ('2020-01-26','春节'), ('2020-01-27','春节'), ('2020-04-04','清明节'),
  ('2020-05-01','劳动节'), ('2020-05-02','劳动节'), ('2020-06-25','端午节'), ('2020-10-01','中秋节、国庆节'), ('2020-10-02','国庆节'), ('2020-10-03','国庆节'),
  ('2021-01-01','元旦'), ('2021-02-11','春节'), ('2021-02-12','春节'), ('2021-02-13','春节'), ('2021-02-14','春节'), ('2021-04-04','清明节'),
  ('2021-05-01','劳动节'), ('2021-05-02','劳动节'), ('2021-06-14','端午节'), ('2021-09-21','中秋节'), ('2021-10-01','国庆节'), ('2021-10-02','国庆节'),
  ('2021-10-03','国庆节'), ('2022-01-01','元旦'), ('2022-01-31','春节'), ('2022-02-01','春节'), ('2022-02-02','春节'), ('2022-02-03','春节'),
  ('2022-04-05','清明节'), ('2022-05-01','劳动节'), ('2022-05-02','劳动节'), ('2022-06-03','端午节'), ('2022-09-10','中秋节'), ('2022-10-01','国庆节'),
  ('2022-10-02','国庆节'), ('2022-10-03','国庆节'), ('2023-01-01','元旦'), ('2023-01-21','春节'), ('2023-01-22','春节'), ('2023-01-23','春节'),
  ('2023-01-24','春节'), ('2023-04-05','清明节'), ('2023-05-01','劳动节'), ('2023-05-02','劳动节'), ('2023-06-22','端午节'), ('2023-09-29','中秋节'),
  ('2023-10-01','国庆节'), ('2023-10-02','国庆节'), ('2023-10-03','国庆节'), ('2024-01-01','元旦'), ('2024-02-09','春节'), ('2024-02-10','春节'),
  ('2024-02-11','春节'), ('2024-02-12','春节'), ('2024-04-04','清明节'), ('2024-05-01','劳动节'), ('2024-05-02','劳动节'), ('2024-06-10','端午节'),
  ('2024-09-17','中秋节'), ('2024-10-01','国庆节'), ('2024-10-02','国庆节'), ('2024-10-03','国庆节'), ('2025-01-01','元旦'), ('2025-01-28','春节'),
  ('2025-01-29','春节'), ('2025-01-30','春节'), ('2025-01-31','春节'), ('2025-04-04','清明节'), ('2025-05-01','劳动节'), ('2025-05-02','劳动节'),
  ('2025-05-31','端午节'), ('2025-10-01','国庆节'), ('2025-10-02','国庆节'), ('2025-10-03','国庆节'), ('2025-10-06','中秋节'), ('2026-01-01','元旦'),
  ('2026-02-16','春节'), ('2026-02-17','春节'), ('2026-02-18','春节'), ('2026-02-19','春节'), ('2026-04-05','清明节'), ('2026-05-01','劳动节'),
  ('2026-05-02','劳动节'), ('2026-06-19','端午节'), ('2026-09-25','中秋节'), ('2026-10-01','国庆节'), ('2026-10-02','国庆节'), ('2026-10-03','国庆节'),
  ('2027-01-01','元旦'), ('2027-02-05','春节'), ('2027-02-06','春节'), ('2027-02-07','春节'), ('2027-02-08','春节'), ('2027-04-05','清明节'),
  ('2027-05-01','劳动节'), ('2027-05-02','劳动节'), ('2027-06-09','端午节'), ('2027-09-15','中秋节'), ('2027-10-01','国庆节'), ('2027-10-02','国庆节'),
  ('2027-10-03','国庆节'), ('2028-01-01','元旦'), ('2028-01-25','春节'), ('2028-01-26','春节'), ('2028-01-27','春节'), ('2028-01-28','春节'),
  ('2028-04-04','清明节'), ('2028-05-01','劳动节'), ('2028-05-02','劳动节'), ('2028-05-28','端午节'), ('2028-10-01','国庆节'), ('2028-10-02','国庆节'),
  ('2028-10-03','中秋节、国庆节'), ('2029-01-01','元旦'), ('2029-02-12','春节'), ('2029-02-13','春节'), ('2029-02-14','春节'), ('2029-02-15','春节'),
  ('2029-04-04','清明节'), ('2029-05-01','劳动节'), ('2029-05-02','劳动节'), ('2029-06-16','端午节'), ('2029-09-22','中秋节'), ('2029-10-01','国庆节'),
  ('2029-10-02','国庆节'), ('2029-10-03','国庆节'), ('2030-01-01','元旦'), ('2030-02-02','春节'), ('2030-02-03','春节'), ('2030-02-04','春节'),
  ('2030-02-05','春节'), ('2030-04-05','清明节'), ('2030-05-01','劳动节'), ('2030-05-02','劳动节'), ('2030-06-05','端午节'), ('2030-09-12','中秋节'),
  ('2030-10-01','国庆节'), ('2030-10-02','国庆节'), ('2030-10-03','国庆节'), ('2031-01-01','元旦'), ('2031-01-22','春节'), ('2031-01-23','春节'),
  ('2031-01-24','春节'), ('2031-01-25','春节'), ('2031-04-05','清明节'), ('2031-05-01','劳动节'), ('2031-05-02','劳动节'), ('2031-06-24','端午节'),
  ('2031-10-01','中秋节、国庆节'), ('2031-10-02','国庆节'), ('2031-10-03','国庆节'), ('2032-01-01','元旦'), ('2032-02-10','春节'), ('2032-02-11','春节'),
  ('2032-02-12','春节'), ('2032-02-13','春节'), ('2032-04-04','清明节'), ('2032-05-01','劳动节'), ('2032-05-02','劳动节'), ('2032-06-12','端午节'),
  ('2032-09-19','中秋节'), ('2032-10-01','国庆节'), ('2032-10-02','国庆节'), ('2032-10-03','国庆节'), ('2033-01-01','元旦'), ('2033-01-30','春节'),
  ('2033-01-31','春节'), ('2033-02-01','春节'), ('2033-02-02','春节'), ('2033-04-04','清明节'), ('2033-05-01','劳动节'), ('2033-05-02','劳动节'),
  ('2033-06-01','端午节'), ('2033-09-08','中秋节'), ('2033-10-01','国庆节'), ('2033-10-02','国庆节'), ('2033-10-03','国庆节'), ('2034-01-01','元旦'),
  ('2034-02-18','春节'), ('2034-02-19','春节'), ('2034-02-20','春节'), ('2034-02-21','春节'), ('2034-04-05','清明节'), ('2034-05-01','劳动节'),
  ('2034-05-02','劳动节'), ('2034-06-20','端午节'), ('2034-09-27','中秋节'), ('2034-10-01','国庆节'), ('2034-10-02','国庆节'), ('2034-10-03','国庆节'),
  ('2035-01-01','元旦'), ('2035-02-07','春节'), ('2035-02-08','春节'), ('2035-02-09','春节'), ('2035-02-10','春节'), ('2035-04-05','清明节'),
  ('2035-05-01','劳动节'), ('2035-05-02','劳动节'), ('2035-06-10','端午节'), ('2035-09-16','中秋节'), ('2035-10-01','国庆节'), ('2035-10-02','国庆节'),
  ('2035-10-03','国庆节'), ('2036-01-01','元旦'), ('2036-01-27','春节'), ('2036-01-28','春节'), ('2036-01-29','春节'), ('2036-01-30','春节'),
  ('2036-04-04','清明节'), ('2036-05-01','劳动节'), ('2036-05-02','劳动节'), ('2036-05-30','端午节'), ('2036-10-01','国庆节'), ('2036-10-02','国庆节'),
  ('2036-10-03','国庆节'), ('2036-10-04','中秋节'), ('2037-01-01','元旦'), ('2037-02-14','春节'), ('2037-02-15','春节'), ('2037-02-16','春节'),
  ('2037-02-17','春节'), ('2037-04-04','清明节'), ('2037-05-01','劳动节'), ('2037-05-02','劳动节'), ('2037-06-18','端午节'), ('2037-09-24','中秋节'),
  ('2037-10-01','国庆节'), ('2037-10-02','国庆节'), ('2037-10-03','国庆节'), ('2038-01-01','元旦'), ('2038-02-03','春节'), ('2038-02-04','春节'),
  ('2038-02-05','春节'), ('2038-02-06','春节'), ('2038-04-05','清明节'), ('2038-05-01','劳动节'), ('2038-05-02','劳动节'), ('2038-06-07','端午节'),
  ('2038-09-13','中秋节'), ('2038-10-01','国庆节'), ('2038-10-02','国庆节'), ('2038-10-03','国庆节'), ('2039-01-01','元旦'), ('2039-01-23','春节'),
  ('2039-01-24','春节'), ('2039-01-25','春节'), ('2039-01-26','春节'), ('2039-04-05','清明节'), ('2039-05-01','劳动节'), ('2039-05-02','劳动节'),
  ('2039-05-27','端午节'), ('2039-10-01','国庆节'), ('2039-10-02','中秋节、国庆节'), ('2039-10-03','国庆节'), ('2040-01-01','元旦'), ('2040-02-11','春节'),
  ('2040-02-12','春节'), ('2040-02-13','春节'), ('2040-02-14','春节'), ('2040-04-04','清明节'), ('2040-05-01','劳动节'), ('2040-05-02','劳动节'),
  ('2040-06-14','端午节'), ('2040-09-20','中秋节'), ('2040-10-01','国庆节'), ('2040-10-02','国庆节'), ('2040-10-03','国庆节'), ('2041-01-01','元旦'),
  ('2041-01-31','春节'), ('2041-02-01','春节'), ('2041-02-02','春节'), ('2041-02-03','春节'), ('2041-04-04','清明节'), ('2041-05-01','劳动节'),
  ('2041-05-02','劳动节'), ('2041-06-03','端午节'), ('2041-09-10','中秋节'), ('2041-10-01','国庆节'), ('2041-10-02','国庆节'), ('2041-10-03','国庆节'),
  ('2042-01-01','元旦'), ('2042-01-21','春节'), ('2042-01-22','春节'), ('2042-01-23','春节'), ('2042-01-24','春节'), ('2042-04-04','清明节'),
  ('2042-05-01','劳动节'), ('2042-05-02','劳动节'), ('2042-06-22','端午节'), ('2042-09-28','中秋节'), ('2042-10-01','国庆节'), ('2042-10-02','国庆节'),
  ('2042-10-03','国庆节'), ('2043-01-01','元旦'), ('2043-02-09','春节'), ('2043-02-10','春节'), ('2043-02-11','春节'), ('2043-02-12','春节'),
  ('2043-04-05','清明节'), ('2043-05-01','劳动节'), ('2043-05-02','劳动节'), ('2043-06-11','端午节'), ('2043-09-17','中秋节'), ('2043-10-01','国庆节'),
  ('2043-10-02','国庆节'), ('2043-10-03','国庆节'), ('2044-01-01','元旦'), ('2044-01-29','春节'), ('2044-01-30','春节'), ('2044-01-31','春节'),
  ('2044-02-01','春节'), ('2044-04-04','清明节'), ('2044-05-01','劳动节'), ('2044-05-02','劳动节'), ('2044-05-31','端午节'), ('2044-10-01','国庆节'),
  ('2044-10-02','国庆节'), ('2044-10-03','国庆节'), ('2044-10-05','中秋节'), ('2045-01-01','元旦'), ('2045-02-16','春节'), ('2045-02-17','春节'),
  ('2045-02-18','春节'), ('2045-02-19','春节'), ('2045-04-04','清明节'), ('2045-05-01','劳动节'), ('2045-05-02','劳动节'), ('2045-06-19','端午节'),
  ('2045-09-25','中秋节'), ('2045-10-01','国庆节'), ('2045-10-02','国庆节'), ('2045-10-03','国庆节'), ('2046-01-01','元旦'), ('2046-02-05','春节'),
  ('2046-02-06','春节'), ('2046-02-07','春节'), ('2046-02-08','春节'), ('2046-04-04','清明节'), ('2046-05-01','劳动节'), ('2046-05-02','劳动节'),
  ('2046-06-08','端午节'), ('2046-09-15','中秋节'), ('2046-10-01','国庆节'), ('2046-10-02','国庆节'), ('2046-10-03','国庆节'), ('2047-01-01','元旦'),
  ('2047-01-25','春节'), ('2047-01-26','春节'), ('2047-01-27','春节'), ('2047-01-28','春节'), ('2047-04-05','清明节'), ('2047-05-01','劳动节'),
  ('2047-05-02','劳动节'), ('2047-05-29','端午节'), ('2047-10-01','国庆节'), ('2047-10-02','国庆节'), ('2047-10-03','国庆节'), ('2047-10-04','中秋节'),
  ('2048-01-01','元旦'), ('2048-02-13','春节'), ('2048-02-14','春节'), ('2048-02-15','春节'), ('2048-02-16','春节'), ('2048-04-04','清明节'),
  ('2048-05-01','劳动节'), ('2048-05-02','劳动节'), ('2048-06-15','端午节'), ('2048-09-22','中秋节'), ('2048-10-01','国庆节'), ('2048-10-02','国庆节'),
  ('2048-10-03','国庆节'), ('2049-01-01','元旦'), ('2049-02-01','春节'), ('2049-02-02','春节'), ('2049-02-03','春节'), ('2049-02-04','春节'),
  ('2049-04-04','清明节'), ('2049-05-01','劳动节'), ('2049-05-02','劳动节'), ('2049-06-04','端午节'), ('2049-09-11','中秋节'), ('2049-10-01','国庆节'),
  ('2049-10-02','国庆节'), ('2049-10-03','国庆节'), ('2050-01-01','元旦'), ('2050-01-22','春节'), ('2050-01-23','春节'), ('2050-01-24','春节'),
  ('2050-01-25','春节'), ('2050-04-04','清明节'), ('2050-05-01','劳动节'), ('2050-05-02','劳动节'), ('2050-06-23','端午节'), ('2050-09-30','中秋节'),
  ('2050-10-01','国庆节'), ('2050-10-02','国庆节'), ('2050-10-03','国庆节'), ('2051-01-01','元旦'), ('2051-02-10','春节'), ('2051-02-11','春节'),
  ('2051-02-12','春节'), ('2051-02-13','春节'), ('2051-04-05','清明节'), ('2051-05-01','劳动节'), ('2051-05-02','劳动节'), ('2051-06-13','端午节'),
  ('2051-09-19','中秋节'), ('2051-10-01','国庆节'), ('2051-10-02','国庆节'), ('2051-10-03','国庆节'), ('2052-01-01','元旦'), ('2052-01-31','春节'),
  ('2052-02-01','春节'), ('2052-02-02','春节'), ('2052-02-03','春节'), ('2052-04-04','清明节'), ('2052-05-01','劳动节'), ('2052-05-02','劳动节'),
  ('2052-06-01','端午节'), ('2052-09-07','中秋节'), ('2052-10-01','国庆节'), ('2052-10-02','国庆节'), ('2052-10-03','国庆节'), ('2053-01-01','元旦'),
  ('2053-02-18','春节'), ('2053-02-19','春节'), ('2053-02-20','春节'), ('2053-02-21','春节'), ('2053-04-04','清明节'), ('2053-05-01','劳动节'),
  ('2053-05-02','劳动节'), ('2053-06-20','端午节'), ('2053-09-26','中秋节'), ('2053-10-01','国庆节'), ('2053-10-02','国庆节'), ('2053-10-03','国庆节'),
  ('2054-01-01','元旦'), ('2054-02-07','春节'), ('2054-02-08','春节'), ('2054-02-09','春节'), ('2054-02-10','春节'), ('2054-04-04','清明节'),
  ('2054-05-01','劳动节'), ('2054-05-02','劳动节'), ('2054-06-10','端午节'), ('2054-09-16','中秋节'), ('2054-10-01','国庆节'), ('2054-10-02','国庆节'),
  ('2054-10-03','国庆节'), ('2055-01-01','元旦'), ('2055-01-27','春节'), ('2055-01-28','春节'), ('2055-01-29','春节'), ('2055-01-30','春节'),
  ('2055-04-05','清明节'), ('2055-05-01','劳动节'), ('2055-05-02','劳动节'), ('2055-05-30','端午节'), ('2055-10-01','国庆节'), ('2055-10-02','国庆节'),
  ('2055-10-03','国庆节'), ('2055-10-05','中秋节'), ('2056-01-01','元旦'), ('2056-02-14','春节'), ('2056-02-15','春节'), ('2056-02-16','春节'),
  ('2056-02-17','春节'), ('2056-04-04','清明节'), ('2056-05-01','劳动节'), ('2056-05-02','劳动节'), ('2056-06-17','端午节'), ('2056-09-24','中秋节'),
  ('2056-10-01','国庆节'), ('2056-10-02','国庆节'), ('2056-10-03','国庆节'), ('2057-01-01','元旦'), ('2057-02-03','春节'), ('2057-02-04','春节'),
  ('2057-02-05','春节'), ('2057-02-06','春节'), ('2057-04-04','清明节'), ('2057-05-01','劳动节'), ('2057-05-02','劳动节'), ('2057-06-06','端午节'),
  ('2057-09-13','中秋节'), ('2057-10-01','国庆节'), ('2057-10-02','国庆节'), ('2057-10-03','国庆节'), ('2058-01-01','元旦'), ('2058-01-23','春节'),
  ('2058-01-24','春节'), ('2058-01-25','春节'), ('2058-01-26','春节'), ('2058-04-04','清明节'), ('2058-05-01','劳动节'), ('2058-05-02','劳动节'),
  ('2058-06-25','端午节'), ('2058-10-01','国庆节'), ('2058-10-02','中秋节、国庆节'), ('2058-10-03','国庆节'), ('2059-01-01','元旦'), ('2059-02-11','春节'),
  ('2059-02-12','春节'), ('2059-02-13','春节'), ('2059-02-14','春节'), ('2059-04-05','清明节'), ('2059-05-01','劳动节'), ('2059-05-02','劳动节'),
  ('2059-06-14','端午节'), ('2059-09-21','中秋节'), ('2059-10-01','国庆节'), ('2059-10-02','国庆节'), ('2059-10-03','国庆节'), ('2060-01-01','元旦'),
  ('2060-02-01','春节'), ('2060-02-02','春节'), ('2060-02-03','春节'), ('2060-02-04','春节'), ('2060-04-04','清明节'), ('2060-05-01','劳动节'),
  ('2060-05-02','劳动节'), ('2060-06-03','端午节'), ('2060-09-09','中秋节'), ('2060-10-01','国庆节'), ('2060-10-02','国庆节'), ('2060-10-03','国庆节');
--> statement-breakpoint
INSERT INTO "dsr"."dashboard_state" ("id", "dirty_from") VALUES (1, NULL) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Working days counted from 2000-01-01 up to and including each day: ordinal(b) − ordinal(a) is the number of
-- working days d with a < d ≤ b (WorkingDayIndex.workingDaysBetween).
CREATE OR REPLACE VIEW "dsr"."working_day_ordinals" AS
  SELECT w.day, w.is_working_day, y.base + w.ordinal AS ordinal
  FROM "dsr"."working_days" AS w
  JOIN "dsr"."working_years" AS y ON y.year = extract(year FROM w.day)::int;
--> statement-breakpoint
-- The working days of the years from_year…to_year as lib/sla/working-days.ts counts them: Monday–Friday; in a year
-- whose notice is not loaded minus the statutory holidays; then every calendar_days row overrides (both ways).
-- ordinal: working days from 1 January up to and including the day.
CREATE OR REPLACE FUNCTION "dsr"."working_day_flags"(from_year integer, to_year integer)
  RETURNS TABLE (day date, is_working_day boolean, ordinal integer) LANGUAGE sql STABLE AS $$
  SELECT f.day, f.is_working_day,
    (sum(f.is_working_day::int) OVER (PARTITION BY extract(year FROM f.day) ORDER BY f.day))::int
  FROM (
    SELECT s.day,
      COALESCE(cd.is_working_day, extract(isodow FROM s.day) < 6 AND NOT (cy.year IS NULL AND sh.day IS NOT NULL)) AS is_working_day
    FROM (SELECT make_date(from_year, 1, 1) + i AS day
          FROM generate_series(0, make_date(to_year, 12, 31) - make_date(from_year, 1, 1)) AS i) AS s
    LEFT JOIN "dsr"."calendar_days" AS cd ON cd.day = s.day
    LEFT JOIN "dsr"."calendar_years" AS cy ON cy.year = extract(year FROM s.day)::int
    LEFT JOIN "dsr"."statutory_holidays" AS sh ON sh.day = s.day
  ) AS f
$$;
--> statement-breakpoint
INSERT INTO "dsr"."working_days" ("day", "is_working_day", "ordinal")
  SELECT day, is_working_day, ordinal FROM "dsr"."working_day_flags"(2000, 2060);
--> statement-breakpoint
INSERT INTO "dsr"."working_years" ("year", "working_days", "base")
  SELECT year, n, (sum(n) OVER (ORDER BY year) - n)::int
  FROM (
    SELECT extract(year FROM day)::int AS year, (count(*) FILTER (WHERE is_working_day))::int AS n
    FROM "dsr"."working_days" GROUP BY 1
  ) AS t;
--> statement-breakpoint
-- Recomputes the working days of the years from_year…to_year (after a calendar change). When a day's flag
-- changed, the closing summaries from that day on are marked for a rebuild at commit (dashboard_state).
CREATE OR REPLACE FUNCTION "dsr"."refresh_working_days"(from_year integer, to_year integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  y0 integer := GREATEST(from_year, 2000);
  y1 integer := LEAST(to_year, 2060);
  first_changed date;
BEGIN
  IF y0 IS NULL OR y1 IS NULL OR y0 > y1 THEN
    RETURN;
  END IF;
  WITH diff AS (
    SELECT f.day, f.is_working_day, f.ordinal, w.is_working_day AS was_working_day
    FROM "dsr"."working_day_flags"(y0, y1) AS f JOIN "dsr"."working_days" AS w ON w.day = f.day
    WHERE w.is_working_day <> f.is_working_day OR w.ordinal <> f.ordinal
  ), updated AS (
    UPDATE "dsr"."working_days" AS w SET is_working_day = diff.is_working_day, ordinal = diff.ordinal
    FROM diff WHERE w.day = diff.day
    RETURNING w.day
  )
  SELECT min(diff.day) INTO first_changed FROM diff WHERE diff.was_working_day <> diff.is_working_day;
  IF first_changed IS NOT NULL THEN
    UPDATE "dsr"."working_years" AS y SET working_days = t.n
    FROM (
      SELECT extract(year FROM day)::int AS year, (count(*) FILTER (WHERE is_working_day))::int AS n
      FROM "dsr"."working_days" WHERE day BETWEEN make_date(y0, 1, 1) AND make_date(y1, 12, 31)
      GROUP BY 1
    ) AS t
    WHERE y.year = t.year AND y.working_days <> t.n;
    UPDATE "dsr"."working_years" AS y SET base = t.base
    FROM (SELECT year, (sum(working_days) OVER (ORDER BY year) - working_days)::int AS base FROM "dsr"."working_years") AS t
    WHERE y.year = t.year AND y.base <> t.base;
    UPDATE "dsr"."dashboard_state" SET dirty_from = LEAST(COALESCE(dirty_from, first_changed), first_changed) WHERE id = 1;
  END IF;
END;
$$;
--> statement-breakpoint
-- What the summaries need of a request.
CREATE TYPE "dsr"."dashboard_fact" AS (
  received_at timestamptz,
  type "dsr"."request_type",
  is_repeat boolean,
  status "dsr"."request_status",
  outcome "dsr"."request_outcome",
  refusal_reason "dsr"."refusal_reason",
  assignee_id uuid,
  closed_at timestamptz,
  due_at timestamptz,
  paused_working_days integer
);
--> statement-breakpoint
-- Adds the requests `added` to the summaries and takes the requests `removed` out of them. Facts that appear on
-- both sides unchanged cancel out first, so an update that touches nothing the summaries count writes nothing.
CREATE OR REPLACE FUNCTION "dsr"."dashboard_apply"(
  added "dsr"."dashboard_fact"[],
  removed "dsr"."dashboard_fact"[],
  with_received boolean DEFAULT true,
  with_closed boolean DEFAULT true
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH raw AS (
    SELECT 1 AS sign, a.* FROM unnest(added) AS a
    UNION ALL
    SELECT -1 AS sign, r.* FROM unnest(removed) AS r
  ), derived AS (
    SELECT raw.sign,
      "dsr"."shanghai_day"(raw.received_at) AS received_day,
      raw.type,
      raw.is_repeat,
      c.closed_day,
      CASE WHEN c.closed_day IS NOT NULL THEN raw.status END AS status,
      CASE WHEN c.closed_day IS NOT NULL THEN raw.outcome END AS outcome,
      CASE WHEN c.closed_day IS NOT NULL AND raw.status = 'refused' THEN COALESCE(raw.refusal_reason::text, '') END AS refusal_reason,
      CASE WHEN c.closed_day IS NOT NULL THEN COALESCE(raw.assignee_id, '00000000-0000-0000-0000-000000000000'::uuid) END AS assignee_id,
      CASE WHEN c.closed_day IS NOT NULL THEN raw.closed_at <= raw.due_at END AS on_time,
      CASE WHEN c.closed_day IS NOT NULL THEN raw.paused_working_days END AS paused_working_days,
      CASE WHEN c.closed_day IS NOT NULL THEN wc.ordinal - wr.ordinal - raw.paused_working_days END AS working_days
    FROM raw
    CROSS JOIN LATERAL (
      SELECT CASE WHEN raw.status IN ('completed', 'refused', 'withdrawn') AND raw.closed_at IS NOT NULL
        THEN "dsr"."shanghai_day"(raw.closed_at) END AS closed_day
    ) AS c
    LEFT JOIN "dsr"."working_day_ordinals" AS wr ON wr.day = "dsr"."shanghai_day"(raw.received_at)
    LEFT JOIN "dsr"."working_day_ordinals" AS wc ON wc.day = c.closed_day
  ), net AS (
    SELECT received_day, type, is_repeat, closed_day, status, outcome, refusal_reason, assignee_id, on_time,
      paused_working_days, working_days, sum(sign)::int AS n
    FROM derived
    GROUP BY received_day, type, is_repeat, closed_day, status, outcome, refusal_reason, assignee_id, on_time,
      paused_working_days, working_days
    HAVING sum(sign) <> 0
  ), received AS (
    INSERT INTO "dsr"."dashboard_received_daily" AS t (day, type, received, repeats)
    SELECT received_day, type, sum(n), COALESCE(sum(n) FILTER (WHERE is_repeat), 0)
    FROM net WHERE with_received
    GROUP BY received_day, type
    HAVING sum(n) <> 0 OR sum(n) FILTER (WHERE is_repeat) <> 0
    ORDER BY received_day, type
    ON CONFLICT (day, type) DO UPDATE
      SET received = t.received + excluded.received, repeats = t.repeats + excluded.repeats
    RETURNING 1
  ), closed AS (
    INSERT INTO "dsr"."dashboard_closed_daily" AS t
      (day, type, assignee_id, closed, on_time, fulfilled, partially_fulfilled, refused, withdrawn, paused, paused_working_days)
    SELECT closed_day, type, assignee_id,
      sum(n),
      COALESCE(sum(n) FILTER (WHERE on_time), 0),
      COALESCE(sum(n) FILTER (WHERE status = 'completed' AND outcome = 'fulfilled'), 0),
      COALESCE(sum(n) FILTER (WHERE status = 'completed' AND outcome = 'partially_fulfilled'), 0),
      COALESCE(sum(n) FILTER (WHERE status = 'refused'), 0),
      COALESCE(sum(n) FILTER (WHERE status = 'withdrawn'), 0),
      COALESCE(sum(n) FILTER (WHERE paused_working_days > 0), 0),
      COALESCE(sum(n * paused_working_days), 0)
    FROM net WHERE with_closed AND closed_day IS NOT NULL
    GROUP BY closed_day, type, assignee_id
    ORDER BY closed_day, type, assignee_id
    ON CONFLICT (day, type, assignee_id) DO UPDATE SET
      closed = t.closed + excluded.closed,
      on_time = t.on_time + excluded.on_time,
      fulfilled = t.fulfilled + excluded.fulfilled,
      partially_fulfilled = t.partially_fulfilled + excluded.partially_fulfilled,
      refused = t.refused + excluded.refused,
      withdrawn = t.withdrawn + excluded.withdrawn,
      paused = t.paused + excluded.paused,
      paused_working_days = t.paused_working_days + excluded.paused_working_days
    RETURNING 1
  ), times AS (
    INSERT INTO "dsr"."dashboard_close_times" AS t (day, type, working_days, closed)
    SELECT closed_day, type, working_days, sum(n)
    FROM net WHERE with_closed AND closed_day IS NOT NULL AND working_days IS NOT NULL
    GROUP BY closed_day, type, working_days
    HAVING sum(n) <> 0
    ORDER BY closed_day, type, working_days
    ON CONFLICT (day, type, working_days) DO UPDATE SET closed = t.closed + excluded.closed
    RETURNING 1
  )
  INSERT INTO "dsr"."dashboard_refusals_daily" AS t (day, type, reason, refused)
  SELECT closed_day, type, refusal_reason, sum(n)
  FROM net WHERE with_closed AND closed_day IS NOT NULL AND refusal_reason IS NOT NULL
  GROUP BY closed_day, type, refusal_reason
  HAVING sum(n) <> 0
  ORDER BY closed_day, type, refusal_reason
  ON CONFLICT (day, type, reason) DO UPDATE SET refused = t.refused + excluded.refused;
END;
$$;
--> statement-breakpoint
-- Recomputes the summaries from the requests: the closing ones from `from_day` on (all when null), and the
-- receiving ones too when `with_received`. Works through the requests a fortnight at a time.
CREATE OR REPLACE FUNCTION "dsr"."dashboard_rebuild"(from_day date, with_received boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  since timestamptz := CASE WHEN from_day IS NULL THEN '-infinity'::timestamptz ELSE "dsr"."shanghai_day_start"(from_day) END;
  lo timestamptz;
  last timestamptz;
BEGIN
  DELETE FROM "dsr"."dashboard_closed_daily" WHERE from_day IS NULL OR day >= from_day;
  DELETE FROM "dsr"."dashboard_close_times" WHERE from_day IS NULL OR day >= from_day;
  DELETE FROM "dsr"."dashboard_refusals_daily" WHERE from_day IS NULL OR day >= from_day;
  SELECT min(closed_at), max(closed_at) INTO lo, last FROM "dsr"."requests" WHERE closed_at >= since;
  WHILE lo <= last LOOP
    PERFORM "dsr"."dashboard_apply"(ARRAY(
      SELECT ROW(r.received_at, r.type, r.is_repeat, r.status, r.outcome, r.refusal_reason, r.assignee_id, r.closed_at,
        r.due_at, r.paused_working_days)::"dsr"."dashboard_fact"
      FROM "dsr"."requests" AS r
      WHERE r.closed_at >= lo AND r.closed_at < lo + interval '14 days'), NULL, false, true);
    lo := lo + interval '14 days';
  END LOOP;
  IF with_received THEN
    DELETE FROM "dsr"."dashboard_received_daily" WHERE from_day IS NULL OR day >= from_day;
    SELECT min(received_at), max(received_at) INTO lo, last FROM "dsr"."requests" WHERE received_at >= since;
    WHILE lo <= last LOOP
      PERFORM "dsr"."dashboard_apply"(ARRAY(
        SELECT ROW(r.received_at, r.type, r.is_repeat, r.status, r.outcome, r.refusal_reason, r.assignee_id, r.closed_at,
          r.due_at, r.paused_working_days)::"dsr"."dashboard_fact"
        FROM "dsr"."requests" AS r
        WHERE r.received_at >= lo AND r.received_at < lo + interval '14 days'), NULL, true, false);
      lo := lo + interval '14 days';
    END LOOP;
  END IF;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "dsr"."dashboard_requests_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "dsr"."dashboard_apply"(ARRAY(
      SELECT ROW(n.received_at, n.type, n.is_repeat, n.status, n.outcome, n.refusal_reason, n.assignee_id, n.closed_at,
        n.due_at, n.paused_working_days)::"dsr"."dashboard_fact" FROM new_rows AS n), NULL);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM "dsr"."dashboard_apply"(ARRAY(
      SELECT ROW(n.received_at, n.type, n.is_repeat, n.status, n.outcome, n.refusal_reason, n.assignee_id, n.closed_at,
        n.due_at, n.paused_working_days)::"dsr"."dashboard_fact" FROM new_rows AS n), ARRAY(
      SELECT ROW(o.received_at, o.type, o.is_repeat, o.status, o.outcome, o.refusal_reason, o.assignee_id, o.closed_at,
        o.due_at, o.paused_working_days)::"dsr"."dashboard_fact" FROM old_rows AS o));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "dsr"."dashboard_apply"(NULL, ARRAY(
      SELECT ROW(o.received_at, o.type, o.is_repeat, o.status, o.outcome, o.refusal_reason, o.assignee_id, o.closed_at,
        o.due_at, o.paused_working_days)::"dsr"."dashboard_fact" FROM old_rows AS o));
  ELSIF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "dsr"."dashboard_received_daily";
    DELETE FROM "dsr"."dashboard_closed_daily";
    DELETE FROM "dsr"."dashboard_close_times";
    DELETE FROM "dsr"."dashboard_refusals_daily";
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "requests_dashboard_insert" AFTER INSERT ON "dsr"."requests"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."dashboard_requests_changed"();
--> statement-breakpoint
CREATE TRIGGER "requests_dashboard_update" AFTER UPDATE ON "dsr"."requests"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."dashboard_requests_changed"();
--> statement-breakpoint
CREATE TRIGGER "requests_dashboard_delete" AFTER DELETE ON "dsr"."requests"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."dashboard_requests_changed"();
--> statement-breakpoint
CREATE TRIGGER "requests_dashboard_truncate" AFTER TRUNCATE ON "dsr"."requests"
  FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."dashboard_requests_changed"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "dsr"."calendar_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  y0 integer;
  y1 integer;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    y0 := 2000;
    y1 := 2060;
  ELSIF TG_TABLE_NAME = 'calendar_years' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT min(year), max(year) INTO y0, y1 FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT min(year), max(year) INTO y0, y1 FROM old_rows;
    ELSE
      SELECT min(year), max(year) INTO y0, y1 FROM (SELECT year FROM new_rows UNION ALL SELECT year FROM old_rows) AS c;
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN
      SELECT min(extract(year FROM day)), max(extract(year FROM day)) INTO y0, y1 FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT min(extract(year FROM day)), max(extract(year FROM day)) INTO y0, y1 FROM old_rows;
    ELSE
      SELECT min(extract(year FROM day)), max(extract(year FROM day)) INTO y0, y1
      FROM (SELECT day FROM new_rows UNION ALL SELECT day FROM old_rows) AS c;
    END IF;
  END IF;
  PERFORM "dsr"."refresh_working_days"(y0, y1);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "calendar_days_working_days_insert" AFTER INSERT ON "dsr"."calendar_days"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "calendar_days_working_days_update" AFTER UPDATE ON "dsr"."calendar_days"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "calendar_days_working_days_delete" AFTER DELETE ON "dsr"."calendar_days"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "calendar_years_working_days_insert" AFTER INSERT ON "dsr"."calendar_years"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "calendar_years_working_days_update" AFTER UPDATE ON "dsr"."calendar_years"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "calendar_years_working_days_delete" AFTER DELETE ON "dsr"."calendar_years"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "statutory_holidays_working_days_insert" AFTER INSERT ON "dsr"."statutory_holidays"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "statutory_holidays_working_days_update" AFTER UPDATE ON "dsr"."statutory_holidays"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "statutory_holidays_working_days_delete" AFTER DELETE ON "dsr"."statutory_holidays"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "calendar_days_working_days_truncate" AFTER TRUNCATE ON "dsr"."calendar_days"
  FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "calendar_years_working_days_truncate" AFTER TRUNCATE ON "dsr"."calendar_years"
  FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
CREATE TRIGGER "statutory_holidays_working_days_truncate" AFTER TRUNCATE ON "dsr"."statutory_holidays"
  FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."calendar_changed"();
--> statement-breakpoint
-- At commit of a transaction that changed a working-day flag: rebuild the closing summaries from that day on, once.
CREATE OR REPLACE FUNCTION "dsr"."dashboard_settle"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date;
BEGIN
  SELECT dirty_from INTO d FROM "dsr"."dashboard_state" WHERE id = 1 FOR UPDATE;
  IF d IS NOT NULL THEN
    PERFORM "dsr"."dashboard_rebuild"(d, false);
    UPDATE "dsr"."dashboard_state" SET dirty_from = NULL WHERE id = 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dashboard_state_settle" AFTER UPDATE ON "dsr"."dashboard_state"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.dirty_from IS NOT NULL)
  EXECUTE FUNCTION "dsr"."dashboard_settle"();
--> statement-breakpoint
SELECT "dsr"."dashboard_rebuild"(NULL, true);
--> statement-breakpoint
UPDATE "dsr"."dashboard_state" SET dirty_from = NULL WHERE id = 1;
